export { LabelStep } from './LabelStep';
export { PrinterSettingsCard } from './PrinterSettings';
export { PrintingHost } from './PrintingHost';
export { setLabelGate, type LabelGate } from './label-gate';
export type { HandOver } from './label-service';
export { printingText } from './i18n';
export { labelRuntimeFor, HANDED_OVER_MARK } from './runtime';
export { PRINTER_SETTINGS_KEY, readSettings, type PrinterSettings } from './settings';

export { DevicesHost } from './DevicesHost';
export { DevicesPanel, ScaleLine } from './DevicesPanel';
export { DevicesSettings } from './DevicesSettings';
export { EvidencePanel } from './EvidencePanel';
export { devicesText } from './i18n';
export { devicesRuntimeFor } from './runtime';

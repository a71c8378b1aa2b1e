export { SettingsScreen } from './SettingsScreen';
export { exportStationData, type ExportOutcome } from './export-data';

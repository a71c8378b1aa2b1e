/** Why a scan's content was rejected. Stable codes; texts live in `#shared/i18n/reasons`. */
export const SCAN_REJECT_CODES = [
  'scan.empty',
  'scan.too-long',
  'scan.control-chars',
  'scan.bad-check-digit',
  'scan.gs1-malformed',
  'scan.layout-mismatch',
  'scan.ime-lost-chars',
  /** Keys at scanner speed that make no whole scan (a burst cut short or split): rescan. */
  'scan.incomplete',
] as const;
export type ScanRejectCode = (typeof SCAN_REJECT_CODES)[number];

export type ReasonParams = Readonly<Record<string, string | number>>;

export interface ScanRejection {
  readonly code: ScanRejectCode;
  readonly params: ReasonParams;
}

export function rejection(code: ScanRejectCode, params: ReasonParams = {}): ScanRejection {
  return { code, params };
}

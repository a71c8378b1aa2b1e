/**
 * USB HID point-of-sale scale reports (HID Point of Sale Usage Tables, usage page 0x8D; as
 * implemented by erjiang/usbscale): report id 3 (or 4), status, unit, signed base-10 exponent,
 * 16-bit little-endian weight. WebHID hands over the report id apart from the data (5 bytes);
 * raw captures carry it in front (6 bytes); both are accepted.
 */
import { err, ok, type Result } from '../../utils/result';
import { toGrams, type ScaleReading, type ScaleUnit } from './reading';

/** The HID POS scale usage page (for `navigator.hid.requestDevice` filters). */
export const HID_SCALE_USAGE_PAGE = 0x8d;

/** Vendor ids of common postal scales, for the device picker's filters. */
export const HID_SCALE_VENDORS = [
  { vendorId: 0x0922, name: 'Dymo / Dymo-CoStar' },
  { vendorId: 0x1446, name: 'Stamps.com / X-Rite' },
  { vendorId: 0x0b67, name: 'Fairbanks' },
  { vendorId: 0x2474, name: 'Stamps.com (Elane)' },
  { vendorId: 0x6096, name: 'Pitney Bowes' },
] as const;

const UNITS: Record<number, ScaleUnit> = {
  0x01: 'mg',
  0x02: 'g',
  0x03: 'kg',
  0x04: 'ct',
  0x05: 'tael',
  0x06: 'gr',
  0x07: 'dwt',
  0x0a: 'ozt',
  0x0b: 'oz',
  0x0c: 'lb',
};

export type HidReportError =
  | { code: 'not-a-weight-report'; message: string }
  | { code: 'short-report'; message: string }
  | { code: 'unknown-unit'; message: string }
  | { code: 'unknown-status'; message: string };

/**
 * Parses one report. `reportId` is WebHID's `event.reportId` with `data` the 5 data bytes, or
 * null when `data` is the whole 6-byte report with its id in front.
 */
export function parseHidScaleReport(
  reportId: number | null,
  data: Uint8Array,
): Result<ScaleReading, HidReportError> {
  const bytes = reportId === null ? data : Uint8Array.of(reportId, ...data);
  if (bytes.length < 6) {
    return err({
      code: 'short-report',
      message: `a scale report has 6 bytes, got ${bytes.length}`,
    });
  }
  const id = bytes[0] as number;
  // Report 3 is the weight report; 4 is sent by some Stamps.com/Dymo models with the same layout.
  if (id !== 3 && id !== 4) {
    return err({ code: 'not-a-weight-report', message: `report id ${id} carries no weight` });
  }
  const status = bytes[1] as number;
  const unitCode = bytes[2] as number;
  const exponent = ((bytes[3] as number) << 24) >> 24; // signed byte
  const raw = (bytes[4] as number) | ((bytes[5] as number) << 8);
  switch (status) {
    case 1:
      return ok({ kind: 'fault', detail: 'the scale reports a fault' });
    case 5:
      return ok({ kind: 'under-zero' });
    case 6:
      return ok({ kind: 'overload' });
    case 7:
      return ok({ kind: 'needs-calibration' });
    case 8:
      return ok({ kind: 'needs-zero' });
    case 2:
    case 3:
    case 4:
      break;
    default:
      return err({ code: 'unknown-status', message: `unknown scale status ${status}` });
  }
  const unit = UNITS[unitCode];
  if (status === 2) {
    // Stable at zero; some scales send unit 0 while empty.
    return ok({ kind: 'weight', grams: 0, stable: true, unit: unit ?? 'g', net: false });
  }
  if (!unit) {
    return err({ code: 'unknown-unit', message: `unknown unit code ${unitCode}` });
  }
  const value = raw * 10 ** exponent;
  return ok({
    kind: 'weight',
    grams: toGrams(value, unit),
    stable: status === 4,
    unit,
    net: false,
  });
}

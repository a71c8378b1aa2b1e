/**
 * Settings of the bench's other devices, stored in the station database and validated on read:
 * a bad or missing value falls back to "no scale" / "no camera", so a bench without them works
 * as before.
 */
import { z } from 'zod';
import { SerialPath, SERIAL_BAUD_RATES } from '#shared/logic/scale/bridge-types';
import { SERIAL_PROTOCOLS } from '#shared/logic/scale/serial-protocols';

export const SCALE_SETTINGS_KEY = 'devices.scale';
export const EVIDENCE_SETTINGS_KEY = 'devices.evidence';

export const ScaleSettings = z.object({
  source: z.enum(['none', 'serial', 'hid']).default('none'),
  serial: z
    .object({
      path: SerialPath,
      baudRate: z
        .number()
        .int()
        .refine((b) => (SERIAL_BAUD_RATES as readonly number[]).includes(b)),
      protocol: z.enum(SERIAL_PROTOCOLS),
    })
    .nullable()
    .default(null),
  /** The WebHID device picked (vendor and product id); the browser remembers the permission. */
  hid: z
    .object({ vendorId: z.number().int(), productId: z.number().int(), name: z.string().max(200) })
    .nullable()
    .default(null),
  /** Box, filler and label, added to the SKUs' weights. */
  packagingGrams: z.number().min(0).max(50_000).default(0),
  /** Unit shown on screen (weights are stored in grams). */
  unit: z.enum(['g', 'kg', 'oz', 'lb']).default('g'),
  /** How long the label step waits for a settled weight before asking for one. */
  waitMs: z.number().int().min(0).max(30_000).default(3000),
});
export type ScaleSettings = z.infer<typeof ScaleSettings>;

export const DEFAULT_SCALE_SETTINGS: ScaleSettings = ScaleSettings.parse({});

export function readScaleSettings(raw: unknown): ScaleSettings {
  const r = ScaleSettings.safeParse(raw ?? {});
  return r.success ? r.data : DEFAULT_SCALE_SETTINGS;
}

export const EvidenceSettings = z.object({
  enabled: z.boolean().default(false),
  /** The camera picked; empty: the default camera. */
  deviceId: z.string().max(500).default(''),
  /** A photo of the open box at the last scan, without a key press. */
  onLastScan: z.boolean().default(true),
  /** Evidence older than this is deleted (disputes and returns rarely come later). */
  retentionDays: z.number().int().min(1).max(3650).default(120),
  /** Photo width in pixels (height follows the camera). */
  width: z.number().int().min(320).max(3840).default(1280),
});
export type EvidenceSettings = z.infer<typeof EvidenceSettings>;

export const DEFAULT_EVIDENCE_SETTINGS: EvidenceSettings = EvidenceSettings.parse({});

export function readEvidenceSettings(raw: unknown): EvidenceSettings {
  const r = EvidenceSettings.safeParse(raw ?? {});
  return r.success ? r.data : DEFAULT_EVIDENCE_SETTINGS;
}

/**
 * What the `scale.*` bridge methods take and give: a serial scale on the host (the renderer talks
 * to USB HID scales itself, through WebHID). Readings carry a sequence number, so the renderer
 * polls with `afterSeq` and sees every reading once, in order.
 */
import { z } from 'zod';
import type { ScaleReading } from './reading';
import { SERIAL_PROTOCOLS } from './serial-protocols';

/** A serial device path: `/dev/ttyUSB0`, `/dev/serial/by-id/…`, a pty, or `COM3`. */
export const SerialPath = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine(
    (p) => (/^\/[\w./+:@-]+$/.test(p) && !p.split('/').includes('..')) || /^COM\d{1,3}$/i.test(p),
    'an absolute device path (/dev/ttyUSB0) or a COM port',
  );

export const SERIAL_BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export const ScaleConnectArgs = z.strictObject({
  path: SerialPath,
  baudRate: z
    .number()
    .int()
    .refine((b) => (SERIAL_BAUD_RATES as readonly number[]).includes(b), 'a standard baud rate'),
  protocol: z.enum(SERIAL_PROTOCOLS),
});
export type ScaleConnectArgs = z.infer<typeof ScaleConnectArgs>;

export interface SerialPortInfo {
  path: string;
  /** What the OS says about it (manufacturer, by-id name), when it says anything. */
  label: string;
}

export interface SerialScaleStatus {
  connected: boolean;
  path: string | null;
  protocol: (typeof SERIAL_PROTOCOLS)[number] | null;
  /** Why the scale is not connected any more (unplugged, closed by the OS…). */
  lastError: string | null;
}

export interface SequencedReading {
  seq: number;
  /** Host clock, ms. */
  at: number;
  reading: ScaleReading;
}

export interface SerialScaleRead {
  status: SerialScaleStatus;
  readings: SequencedReading[];
  /** Lines that were not a weight since the last read (shown by the scale test). */
  unrecognised: string[];
  /** The answer to the last tare/zero, when one came. */
  lastAck: { command: 'tare' | 'zero'; done: boolean; detail: string; at: number } | null;
}

/**
 * The serial-port port: what the scale service needs from a serial device. The Node host
 * implements it with the `serialport` package (node-serial.ts); tests use the in-memory fake.
 */
import type { SerialPortInfo } from '#shared/logic/scale/bridge-types';

export interface SerialOpenOptions {
  baudRate: number;
}

export interface SerialConnection {
  onData(listener: (chunk: Uint8Array) => void): void;
  /** Called once when the device goes away or is closed; `error` when it was not our close. */
  onClose(listener: (error: Error | null) => void): void;
  write(text: string): Promise<void>;
  close(): Promise<void>;
}

export type SerialOpenError =
  | { code: 'port-not-found'; message: string }
  | { code: 'port-busy'; message: string }
  | { code: 'open-failed'; message: string };

export interface SerialPortHost {
  list(): Promise<SerialPortInfo[]>;
  open(
    path: string,
    options: SerialOpenOptions,
  ): Promise<{ ok: true; value: SerialConnection } | { ok: false; error: SerialOpenError }>;
}

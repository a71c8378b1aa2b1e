/**
 * One serial scale on the host: opens the port, splits and parses what the scale sends, keeps
 * the newest readings with sequence numbers for the renderer to poll, sends tare and zero.
 * MT-SICS scales are asked to stream (`SIR`); continuous scales talk by themselves.
 */
import type {
  ScaleConnectArgs,
  SequencedReading,
  SerialPortInfo,
  SerialScaleRead,
  SerialScaleStatus,
} from '#shared/logic/scale/bridge-types';
import {
  createLineSplitter,
  parseScaleLine,
  scaleCommand,
} from '#shared/logic/scale/serial-protocols';
import { err, ok, type Result } from '#shared/utils/result';
import type { Clock } from '../../ports/clock';
import type { SerialConnection, SerialOpenError, SerialPortHost } from '../../ports/serial-port';

/** Readings kept for polling: a few seconds of a 10–20 Hz scale. */
export const KEEP_READINGS = 100;

export type ScaleCommandError =
  | { code: 'not-connected'; message: string }
  | { code: 'unsupported-command'; message: string }
  | { code: 'write-failed'; message: string };

export interface SerialScaleService {
  connect(args: ScaleConnectArgs): Promise<Result<SerialScaleStatus, SerialOpenError>>;
  disconnect(): Promise<SerialScaleStatus>;
  read(afterSeq: number): SerialScaleRead;
  command(command: 'tare' | 'zero'): Promise<Result<null, ScaleCommandError>>;
  status(): SerialScaleStatus;
  list(): Promise<SerialPortInfo[]>;
}

export function createSerialScaleService(deps: {
  host: SerialPortHost;
  clock: Clock;
  log?: (message: string, context?: Record<string, unknown>) => void;
}): SerialScaleService {
  let conn: SerialConnection | null = null;
  let config: ScaleConnectArgs | null = null;
  let lastError: string | null = null;
  let seq = 0;
  const readings: SequencedReading[] = [];
  let unrecognised: string[] = [];
  let lastAck: SerialScaleRead['lastAck'] = null;

  function status(): SerialScaleStatus {
    return {
      connected: conn !== null,
      path: config?.path ?? null,
      protocol: config?.protocol ?? null,
      lastError,
    };
  }

  async function disconnect(): Promise<SerialScaleStatus> {
    const c = conn;
    conn = null;
    if (c) await c.close();
    return status();
  }

  return {
    status,
    disconnect,
    list: () => deps.host.list(),
    async connect(args) {
      await disconnect();
      const opened = await deps.host.open(args.path, { baudRate: args.baudRate });
      if (!opened.ok) {
        lastError = opened.error.message;
        return err(opened.error);
      }
      const c = opened.value;
      conn = c;
      config = args;
      lastError = null;
      const split = createLineSplitter();
      c.onData((chunk) => {
        if (conn !== c) return;
        const { lines } = split.push(chunk);
        for (const line of lines) {
          const parsed = parseScaleLine(line, args.protocol);
          if (!parsed.ok) {
            unrecognised = [...unrecognised, line].slice(-10);
            continue;
          }
          const v = parsed.value;
          if (v.kind === 'reading') {
            seq += 1;
            readings.push({ seq, at: deps.clock.now(), reading: v.reading });
            if (readings.length > KEEP_READINGS) readings.shift();
          } else if (v.kind === 'ack') {
            lastAck = { ...v, at: deps.clock.now() };
          } else {
            lastAck = null;
          }
        }
      });
      c.onClose((error) => {
        if (conn !== c) return;
        conn = null;
        lastError = error ? `The scale went away: ${error.message}` : null;
        deps.log?.('serial scale closed', { path: args.path, error: lastError });
      });
      const stream = scaleCommand(args.protocol, 'stream');
      if (stream) await c.write(stream).catch(() => undefined);
      return ok(status());
    },
    read(afterSeq) {
      const out = {
        status: status(),
        readings: readings.filter((r) => r.seq > afterSeq),
        unrecognised,
        lastAck,
      };
      unrecognised = [];
      return out;
    },
    async command(command) {
      if (!conn || !config) {
        return err({ code: 'not-connected' as const, message: 'No serial scale is connected' });
      }
      const text = scaleCommand(config.protocol, command);
      if (!text) {
        return err({
          code: 'unsupported-command' as const,
          message: `This scale (${config.protocol} output) takes no ${command} command: use its own key`,
        });
      }
      try {
        await conn.write(text);
        return ok(null);
      } catch (cause) {
        return err({ code: 'write-failed' as const, message: String(cause) });
      }
    },
  };
}

/**
 * A fake network label printer for tests: a real TCP server on 127.0.0.1 (ephemeral port) that
 * speaks the small part of ZPL the station uses. It answers `~HS` from a script (ready, paper
 * out, head up, paused, ribbon out, silent, slow), takes `^XA…^XZ` formats, and records every
 * byte received so tests can prove what did and did not reach the printer.
 *
 * Like a real printer, a format that arrives while the printer cannot print stays in its buffer
 * (counted in `~HS` as "formats in buffer") instead of printing.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type FakeZplMode =
  | 'ok'
  | 'paper-out'
  | 'head-up'
  | 'paused'
  | 'ribbon-out'
  /** Never answers `~HS` (as newer firmware does while media is out or the head is open). */
  | 'silent'
  /** Answers `~HS` after `slowMs`. */
  | 'slow';

export interface FakeZplPrinter {
  readonly host: '127.0.0.1';
  readonly port: number;
  /** Everything received, one string per connection (latin1). */
  readonly received: string[];
  /** Formats that printed. */
  readonly labels: string[];
  /** Formats waiting in the buffer because the printer could not print. */
  readonly buffered: string[];
  readonly statusQueries: number;
  readonly maxConcurrentConnections: number;
  mode: FakeZplMode;
  slowMs: number;
  /** Keep printable formats in the buffer instead of printing them at once. */
  holdFormats: boolean;
  /** Modes for the next `~HS` answers, one per query; then `mode` again. */
  queueAnswers(...modes: FakeZplMode[]): void;
  /** Prints whatever is buffered, as a printer does once it is fixed. */
  flushBuffer(): void;
  close(): Promise<void>;
}

const STX = '\u0002';
const ETX = '\u0003';

function statusAnswer(mode: FakeZplMode, formats: number, remaining: number): string {
  const paperOut = mode === 'paper-out' ? 1 : 0;
  const paused = mode === 'paper-out' || mode === 'paused' ? 1 : 0;
  const headUp = mode === 'head-up' ? 1 : 0;
  const ribbonOut = mode === 'ribbon-out' ? 1 : 0;
  const eee = String(formats).padStart(3, '0');
  const labels = String(remaining).padStart(8, '0');
  return (
    `${STX}030,${paperOut},${paused},1218,${eee},0,0,0,000,0,0,0${ETX}\r\n` +
    `${STX}001,0,${headUp},${ribbonOut},0,2,4,0,${labels},1,000${ETX}\r\n` +
    `${STX}1234,0${ETX}\r\n`
  );
}

export async function startFakeZplPrinter(initial: FakeZplMode = 'ok'): Promise<FakeZplPrinter> {
  const received: string[] = [];
  const labels: string[] = [];
  const buffered: string[] = [];
  const answers: FakeZplMode[] = [];
  const sockets = new Set<Socket>();
  let statusQueries = 0;
  let active = 0;
  let maxConcurrent = 0;

  const state = {
    mode: initial,
    slowMs: 50,
    holdFormats: false,
  };

  function canPrint(mode: FakeZplMode): boolean {
    return mode === 'ok' || mode === 'slow' || mode === 'silent';
  }

  function answer(socket: Socket): void {
    statusQueries += 1;
    const mode = answers.shift() ?? state.mode;
    if (mode === 'silent') return;
    const text = statusAnswer(mode, buffered.length, buffered.length);
    const write = () => {
      if (socket.destroyed) return;
      // In two pieces, as TCP may deliver it.
      socket.write(text.slice(0, 17), 'latin1');
      setImmediate(() => {
        if (!socket.destroyed) socket.write(text.slice(17), 'latin1');
      });
    };
    if (mode === 'slow') setTimeout(write, state.slowMs);
    else write();
  }

  function takeFormat(format: string): void {
    if (canPrint(state.mode) && !state.holdFormats && buffered.length === 0) labels.push(format);
    else buffered.push(format);
  }

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    active += 1;
    maxConcurrent = Math.max(maxConcurrent, active);
    const index = received.push('') - 1;
    let pending = '';
    socket.on('data', (chunk: Buffer) => {
      const text = chunk.toString('latin1');
      received[index] += text;
      pending += text;
      for (;;) {
        const hs = pending.indexOf('~HS');
        const xa = pending.indexOf('^XA');
        if (hs >= 0 && (xa < 0 || hs < xa)) {
          pending = pending.slice(hs + 3);
          answer(socket);
          continue;
        }
        if (xa >= 0) {
          const xz = pending.indexOf('^XZ', xa);
          if (xz < 0) break;
          takeFormat(pending.slice(xa, xz + 3));
          pending = pending.slice(xz + 3);
          continue;
        }
        break;
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      active -= 1;
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    received,
    labels,
    buffered,
    get statusQueries() {
      return statusQueries;
    },
    get maxConcurrentConnections() {
      return maxConcurrent;
    },
    get mode() {
      return state.mode;
    },
    set mode(mode: FakeZplMode) {
      state.mode = mode;
    },
    get slowMs() {
      return state.slowMs;
    },
    set slowMs(ms: number) {
      state.slowMs = ms;
    },
    get holdFormats() {
      return state.holdFormats;
    },
    set holdFormats(hold: boolean) {
      state.holdFormats = hold;
    },
    queueAnswers: (...modes) => void answers.push(...modes),
    flushBuffer: () => void labels.push(...buffered.splice(0)),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * One TCP connection to a raw (port 9100) label printer: connect with a timeout, ask `~HS` and
 * wait for the three framed answers, write a job. One link per job; the caller closes it.
 */
import { connect, type Socket } from 'node:net';
import {
  extractStatusFrames,
  parseHostStatus,
  type HostStatus,
} from '#shared/logic/printing/host-status';
import { err, ok, type Result } from '#shared/utils/result';

export type LinkErrorCode = 'offline' | 'timeout' | 'malformed-status';

export interface LinkError {
  code: LinkErrorCode;
  message: string;
}

export interface PrinterLink {
  queryStatus(timeoutMs: number): Promise<Result<HostStatus, LinkError>>;
  write(data: string, timeoutMs: number): Promise<Result<number, LinkError>>;
  /** Ends the connection and resolves once the socket has closed (destroyed after 1 s). */
  close(): Promise<void>;
}

const OFFLINE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'EADDRNOTAVAIL',
]);

function toLinkError(cause: unknown): LinkError {
  const code = (cause as { code?: unknown }).code;
  if (code === 'ETIMEDOUT') return { code: 'timeout', message: 'The connection timed out' };
  const known = typeof code === 'string' && OFFLINE_CODES.has(code);
  return {
    code: 'offline',
    message: known ? `Printer not reachable (${code})` : `Connection failed: ${String(cause)}`,
  };
}

export function openPrinterLink(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<Result<PrinterLink, LinkError>> {
  return new Promise((resolve) => {
    const socket: Socket = connect({ host, port });
    socket.setNoDelay(true);
    let received = '';
    let failure: LinkError | null = null;
    let notify: (() => void) | null = null;

    const timer = setTimeout(() => {
      socket.destroy();
      resolve(
        err({
          code: 'offline',
          message: `Could not connect to ${host}:${port} within ${timeoutMs} ms`,
        }),
      );
    }, timeoutMs);

    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(ok(link));
    });
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      notify?.();
    });
    socket.on('error', (cause) => {
      failure = toLinkError(cause);
      clearTimeout(timer);
      resolve(err(failure));
      notify?.();
    });
    socket.on('close', () => {
      failure ??= { code: 'offline', message: 'The printer closed the connection' };
      notify?.();
    });

    const link: PrinterLink = {
      queryStatus(statusTimeoutMs) {
        received = '';
        return new Promise((done) => {
          const finish = (r: Result<HostStatus, LinkError>) => {
            clearTimeout(waitTimer);
            notify = null;
            done(r);
          };
          const check = () => {
            if (extractStatusFrames(received) !== null) {
              const parsed = parseHostStatus(received);
              finish(parsed.ok ? parsed : err(parsed.error));
            } else if (failure !== null) finish(err(failure));
          };
          const waitTimer = setTimeout(
            () =>
              finish(
                err({
                  code: 'timeout',
                  message:
                    `No status answer within ${statusTimeoutMs} ms. The printer may be busy ` +
                    'with another connection, or out of media or with its head open (newer ' +
                    'firmware stays silent then).',
                }),
              ),
            statusTimeoutMs,
          );
          notify = check;
          socket.write('~HS', 'latin1', (cause) => {
            if (cause) finish(err(toLinkError(cause)));
          });
          check();
        });
      },

      write(data, writeTimeoutMs) {
        return new Promise((done) => {
          if (failure !== null) {
            done(err(failure));
            return;
          }
          const bytes = Buffer.byteLength(data, 'utf8');
          const waitTimer = setTimeout(
            () => done(err({ code: 'timeout', message: 'The printer did not take the job' })),
            writeTimeoutMs,
          );
          socket.write(data, 'utf8', (cause) => {
            clearTimeout(waitTimer);
            done(cause ? err(toLinkError(cause)) : ok(bytes));
          });
        });
      },

      close() {
        clearTimeout(timer);
        return new Promise<void>((done) => {
          if (socket.destroyed) {
            done();
            return;
          }
          const force = setTimeout(() => socket.destroy(), 1000);
          socket.once('close', () => {
            clearTimeout(force);
            done();
          });
          socket.end();
        });
      },
    };
  });
}

import { bridge } from '../platform/bridge';

type Level = 'debug' | 'info' | 'warn' | 'error';

/** Sends renderer logs to the host's log; never throws, never blocks. */
function write(level: Level, message: string, context?: Record<string, unknown>) {
  void bridge()
    .app.log(context ? { level, message, context } : { level, message })
    .catch(() => undefined);
}

export const log = {
  debug: (m: string, c?: Record<string, unknown>) => write('debug', m, c),
  info: (m: string, c?: Record<string, unknown>) => write('info', m, c),
  warn: (m: string, c?: Record<string, unknown>) => write('warn', m, c),
  error: (m: string, c?: Record<string, unknown>) => write('error', m, c),
};

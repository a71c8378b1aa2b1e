import { isMethodName, methods, type BridgeError, type MethodName } from '#shared/bridge/contract';
import { err, type Result } from '#shared/utils/result';
import { jsonDepthExceeds, MAX_ARGS_DEPTH } from './json-depth';
import type { Handlers, Logger } from './types';

export type DispatchResult = Result<unknown, BridgeError>;

/**
 * The one dispatch both hosts use: parse the argument with the contract schema, call the
 * handler, and always answer with a result value. Nothing thrown escapes to the host.
 */
export function createDispatch(handlers: Handlers, log: Logger) {
  return async function dispatch(method: string, rawArgs: unknown): Promise<DispatchResult> {
    const started = performance.now();
    if (!isMethodName(method)) {
      log.warn('bridge: unknown method', { method: method.slice(0, 100) });
      return err({ code: 'invalid-args', message: `Unknown method: ${method.slice(0, 100)}` });
    }
    if (jsonDepthExceeds(rawArgs, MAX_ARGS_DEPTH)) {
      log.warn('bridge: invalid args', { method, message: 'nested too deeply' });
      return err({
        code: 'invalid-args',
        message: `(args): nested more than ${MAX_ARGS_DEPTH} levels deep`,
      });
    }
    const parsed = methods[method].args.safeParse(rawArgs);
    if (!parsed.success) {
      const message = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(args)'}: ${i.message}`)
        .join('; ');
      log.warn('bridge: invalid args', { method, message });
      return err({ code: 'invalid-args', message });
    }
    try {
      const handler = handlers[method] as (args: unknown) => Promise<DispatchResult>;
      const result = await handler(parsed.data);
      const ms = Math.round((performance.now() - started) * 10) / 10;
      if (!result.ok) log.info('bridge: error result', { method, code: result.error.code, ms });
      else if (method !== 'app.log') log.debug('bridge: ok', { method, ms });
      return result;
    } catch (cause) {
      log.error('bridge: handler threw', { method, error: String(cause) });
      return err({ code: 'internal', message: `Internal error in ${method}` });
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatch>;
export type { MethodName };

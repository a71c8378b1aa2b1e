import type {
  BridgeError,
  ErrorCodeOf,
  MethodName,
  OkOf,
  ParsedArgsOf,
} from '#shared/bridge/contract';
import type { Result } from '#shared/utils/result';

/** A handler takes parsed args and returns a result value; it throws only for bugs. */
export type Handler<M extends MethodName> = (
  args: ParsedArgsOf<M>,
) => Promise<Result<OkOf<M>, BridgeError<ErrorCodeOf<M>>>>;

export type Handlers = { [M in MethodName]: Handler<M> };

export interface Logger {
  debug(message: string, context?: Record<string, unknown>): void;
  info(message: string, context?: Record<string, unknown>): void;
  warn(message: string, context?: Record<string, unknown>): void;
  error(message: string, context?: Record<string, unknown>): void;
}

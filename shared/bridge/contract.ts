/**
 * The one bridge contract between the renderer and the Node side. The Electron preload serves it
 * over IPC (channel `pb:<method>`), the web host over HTTP (`POST /api/<method>`). Everything else
 * (handler table, preload object, HTTP client) is derived from these tables.
 */
import { z } from 'zod';
import type { Result } from '../utils/result';

/** Phantom carrier for a method's success type; no runtime value. */
export function returns<T>(): T {
  return undefined as T;
}

/** Codes every method may return in addition to its own. */
export const COMMON_ERRORS = [
  'invalid-args',
  'forbidden',
  'internal',
  'unavailable-in-host',
] as const;
export type CommonErrorCode = (typeof COMMON_ERRORS)[number];

export interface MethodSpec {
  readonly args: z.ZodType;
  readonly ok: unknown;
  readonly errors: readonly string[];
}
export type MethodTable = Record<string, MethodSpec>;

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  appName: string;
  version: string;
  host: HostKind;
  /** True while no real shop is connected: the practice shop serves orders. */
  practice: boolean;
  platform: string;
  dataDir: string;
}

export interface JournalReceipt {
  appended: number;
  bytes: number;
}

export interface ExportReceipt {
  path: string;
  bytes: number;
}

const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
const SafeName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\w.-]+$/, 'letters, digits, dot, dash and underscore only')
  .refine((n) => !n.startsWith('.'), 'no leading dot');

export const JournalEntry = z.strictObject({
  id: z.string().min(1).max(200),
  kind: z.string().min(1).max(80),
  at: z.number().finite(),
  payload: z.record(z.string(), z.unknown()),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

export const methods = {
  'app.getInfo': {
    args: z.strictObject({}),
    ok: returns<AppInfo>(),
    errors: [],
  },
  'app.log': {
    args: z.strictObject({
      level: LogLevel,
      message: z.string().max(4000),
      context: z.record(z.string(), z.unknown()).optional(),
    }),
    ok: returns<null>(),
    errors: [],
  },
  'journal.append': {
    args: z.strictObject({ entries: z.array(JournalEntry).min(1).max(1000) }),
    ok: returns<JournalReceipt>(),
    errors: ['disk-full', 'io-error'],
  },
  'files.exportBackup': {
    args: z.strictObject({
      fileName: SafeName,
      /** JSON text of the export; 256 MB cap. */
      content: z.string().max(256 * 1024 * 1024),
    }),
    ok: returns<ExportReceipt>(),
    errors: ['disk-full', 'io-error'],
  },
} as const satisfies MethodTable;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export type ArgsOf<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgsOf<M extends MethodName> = z.output<Methods[M]['args']>;
export type OkOf<M extends MethodName> = Methods[M]['ok'];
export type ErrorCodeOf<M extends MethodName> = Methods[M]['errors'][number] | CommonErrorCode;

export interface BridgeError<C extends string = string> {
  code: C;
  message: string;
}
export type BridgeResult<M extends MethodName> = Result<OkOf<M>, BridgeError<ErrorCodeOf<M>>>;

/** Events from the host to the UI. */
export const events = {
  'net.connectivityChanged': returns<{ online: boolean }>(),
  'app.log': returns<{ level: z.infer<typeof LogLevel>; message: string }>(),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/**
 * The object the renderer sees as `window.packbench`: `api.app.getInfo({})` and so on, plus `on`.
 * Derived from the method table so the three sides cannot drift.
 */
type Split<S extends string> = S extends `${infer D}.${infer V}` ? [D, V] : never;
type Domains = Split<MethodName>[0];
type VerbsOf<D extends string> = {
  [M in MethodName as Split<M>[0] extends D ? Split<M>[1] : never]: (
    args: ArgsOf<M>,
  ) => Promise<BridgeResult<M>>;
};
export type Api = { readonly [D in Domains]: VerbsOf<D> } & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

export function splitMethod(name: MethodName): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** Builds the Api object from one generic call function; used by the preload and the HTTP client. */
export function buildApi(
  call: (method: MethodName, args: unknown) => Promise<unknown>,
  on: (event: EventName, listener: (payload: unknown) => void) => () => void,
): Api {
  const api: Record<string, Record<string, (args: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [domain, verb] = splitMethod(name);
    const table = (api[domain] ??= {});
    table[verb] = (args: unknown) => call(name, args);
  }
  return Object.freeze({
    ...api,
    on: (event: EventName, listener: (payload: unknown) => void) => {
      if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
      return on(event, listener);
    },
  }) as unknown as Api;
}

import type { Faults } from './faults';
import type { SandboxStore } from './store';

export interface ApiAnswer {
  code: number;
  message: string;
  data?: unknown;
  httpStatus?: number;
}

export interface RouteContext {
  method: string;
  path: string;
  params: readonly string[];
  query: Readonly<Record<string, string>>;
  body: unknown;
  nowSeconds: number;
  nowMs: number;
  idempotencyKey: string | null;
  store: SandboxStore;
  faults: Faults;
  /** Signs a label download URL (valid 24 h). */
  docUrl: (packageId: string, query: Record<string, string>) => string;
  shop: { id: string; name: string; region: string; cipher: string };
}

export interface Route {
  method: 'GET' | 'POST';
  pattern: RegExp;
  /** Fulfilment writes: what the admin write log records and drop-after-write applies to. */
  write: boolean;
  handle(ctx: RouteContext): ApiAnswer;
}

export const SUCCESS = 'Success';

export function ok(data: unknown): ApiAnswer {
  return { code: 0, message: SUCCESS, data };
}

export function invalidParam(detail: string): ApiAnswer {
  return { code: 36009004, message: `Invalid param error: ${detail}` };
}

/** Opaque page tokens: base64 with a fixed prefix, so they always contain `+` and `/` (§12). */
const TOKEN_PREFIX = Buffer.from([0xfb, 0xef, 0xff]);

export function encodePageToken(value: unknown): string {
  return Buffer.concat([TOKEN_PREFIX, Buffer.from(JSON.stringify(value), 'utf8')]).toString(
    'base64',
  );
}

export function decodePageToken(token: string): unknown {
  const bytes = Buffer.from(token, 'base64');
  if (bytes.length <= 3 || !bytes.subarray(0, 3).equals(TOKEN_PREFIX)) return null;
  try {
    return JSON.parse(bytes.subarray(3).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

export function pageSize(raw: string | undefined, max: number, fallback?: number): number | null {
  if (raw === undefined || raw === '') return fallback ?? null;
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= max ? n : null;
}

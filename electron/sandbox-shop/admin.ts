import { z } from 'zod';
import { AddressPatch, type Events } from './events';
import { FaultOptions, FaultRule, type Faults } from './faults';
import type { AuthState } from './auth';
import type { SandboxStore, WriteRecord } from './store';

/**
 * The sandbox shop's admin surface, as functions (for tests and the embedding host) and as HTTP
 * endpoints under `/__admin/` guarded by a separate admin token.
 */
export interface AdminDeps {
  store: SandboxStore;
  events: Events;
  faults: Faults;
  auth: AuthState;
  nowSeconds: () => number;
  newToken: () => string;
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

export function createAdmin(deps: AdminDeps) {
  const at = (when: number | undefined) => when ?? deps.nowSeconds();
  return {
    /** Every fulfilment write the shop applied, in order. */
    writes: (): WriteRecord[] => deps.store.writes.map((w) => ({ ...w })),
    faults: deps.faults,
    cancelOrder(orderId: string, opts: { at?: number; reason?: string } = {}): string | null {
      const e = {
        kind: 'cancel' as const,
        orderId,
        at: at(opts.at),
        reason: opts.reason ?? 'Buyer cancelled',
      };
      return deps.events.submit(e, deps.nowSeconds());
    },
    addBuyerCancelRequest(
      orderId: string,
      opts: { at?: number; reason?: string } = {},
    ): string | null {
      const e = {
        kind: 'buyer-cancel-request' as const,
        orderId,
        at: at(opts.at),
        reason: opts.reason ?? 'No longer needed',
      };
      return deps.events.submit(e, deps.nowSeconds());
    },
    changeAddress(
      orderId: string,
      address: AddressPatch,
      opts: { at?: number } = {},
    ): string | null {
      const e = { kind: 'address-change' as const, orderId, at: at(opts.at), address };
      return deps.events.submit(e, deps.nowSeconds());
    },
    /** The current access token starts answering 105002; a refresh issues a new one. */
    expireAccessToken(): void {
      deps.auth.expiredTokens.add(deps.auth.credentials.accessToken);
    },
    /** API modules (e.g. `fulfillment`) whose scope package the app lacks: 105005. */
    denyScopes(modules: readonly string[]): void {
      deps.auth.deniedModules.clear();
      for (const m of modules) deps.auth.deniedModules.add(m);
    },
    /** Issues a new access token in place (as a token refresh would). */
    rotateAccessToken(): string {
      deps.auth.credentials.accessToken = deps.newToken();
      return deps.auth.credentials.accessToken;
    },
  };
}
export type Admin = ReturnType<typeof createAdmin>;

const When = z.strictObject({
  at: z.number().int().positive().optional(),
  reason: z.string().max(200).optional(),
});
const AddressBody = z.strictObject({
  at: z.number().int().positive().optional(),
  address: AddressPatch,
});
const ScopesBody = z.strictObject({ denied: z.array(z.string().max(40)).max(20) });

function bad(message: string): AdminAnswer {
  return { status: 400, body: { ok: false, error: message } };
}

function done(result: string | null): AdminAnswer {
  return result === null
    ? { status: 200, body: { ok: true } }
    : { status: 404, body: { ok: false, error: result } };
}

/** Routes one admin request (already authenticated). */
export function handleAdmin(
  admin: Admin,
  method: string,
  path: string,
  body: unknown,
): AdminAnswer {
  if (method === 'GET' && path === '/__admin/writes')
    return { status: 200, body: { writes: admin.writes() } };
  if (path === '/__admin/faults') {
    if (method === 'GET') return { status: 200, body: admin.faults.options };
    if (method === 'PUT') {
      const parsed = FaultOptions.safeParse(body);
      if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? 'invalid faults');
      admin.faults.set(parsed.data);
      return { status: 200, body: admin.faults.options };
    }
    if (method === 'POST') {
      const parsed = z.array(FaultRule).max(100).safeParse(body);
      if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? 'invalid fault rules');
      admin.faults.add(parsed.data);
      return { status: 200, body: admin.faults.options };
    }
  }
  if (method === 'POST' && path === '/__admin/token/expire') {
    admin.expireAccessToken();
    return { status: 200, body: { ok: true } };
  }
  if (method === 'POST' && path === '/__admin/scopes') {
    const parsed = ScopesBody.safeParse(body);
    if (!parsed.success) return bad('expected {"denied": ["fulfillment", …]}');
    admin.denyScopes(parsed.data.denied);
    return { status: 200, body: { ok: true } };
  }
  const m = /^\/__admin\/orders\/(\d{6,24})\/(cancel|buyer-cancel-request|address)$/.exec(path);
  if (method === 'POST' && m && m[1] !== undefined) {
    const orderId = m[1];
    if (m[2] === 'address') {
      const parsed = AddressBody.safeParse(body);
      if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? 'invalid address');
      return done(
        admin.changeAddress(orderId, parsed.data.address, omitUndefined({ at: parsed.data.at })),
      );
    }
    const parsed = When.safeParse(body ?? {});
    if (!parsed.success) return bad(parsed.error.issues[0]?.message ?? 'invalid body');
    const opts = omitUndefined({ at: parsed.data.at, reason: parsed.data.reason });
    return done(
      m[2] === 'cancel'
        ? admin.cancelOrder(orderId, opts)
        : admin.addBuyerCancelRequest(orderId, opts),
    );
  }
  return { status: 404, body: { ok: false, error: `No admin endpoint ${method} ${path}` } };
}

function omitUndefined<T extends Record<string, unknown>>(
  o: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

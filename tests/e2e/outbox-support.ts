/**
 * Helpers shared by the outbox and offline specs: the sandbox shop's admin API (faults, writes,
 * cancels), the app's `?dev=1` hooks for reading outbox rows, and short sync timings for tests
 * (set before the app starts; production defaults are untouched).
 */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { E2E_SANDBOX_ADMIN_TOKEN, E2E_SANDBOX_URL } from './env';

export interface WriteRecord {
  seq: number;
  at: number;
  kind: string;
  orderId: string;
  packageId: string;
  trackingNumber: string;
  shippingProviderId: string;
  handoverMethod: string | null;
  idempotencyKey: string | null;
}

export interface RowView {
  id: string;
  idempotencyKey: string;
  orderId: string;
  packageId: string;
  state: string;
  attempts: number;
  lastError: { code: string; message: string } | null;
  conflict?: { upstreamTrackingNumber: string | null; upstreamStatus: string };
}

type ShipChoice =
  | { kind: 'platform'; handoverMethod: 'PICKUP' | 'DROP_OFF' }
  | {
      kind: 'seller';
      carrier: string;
      provider: { id: string; name: string };
      trackingNumber: string;
    };

interface OutboxHooks {
  ship(orderId: string, choice: ShipChoice): Promise<{ id: string; idempotencyKey: string }>;
  rows(): Promise<RowView[]>;
  freshOrders(count: number, type: 'TIKTOK' | 'SELLER', skip?: string[]): Promise<string[]>;
  shop(): {
    shipPackage(args: unknown): Promise<{ ok: boolean; error?: { code: string; message: string } }>;
    getShippingProviders(args: {
      deliveryOptionId: string;
    }): Promise<{ ok: boolean; value?: { shipping_providers: { id: string; name: string }[] } }>;
  };
}
/** `window.__packbench` as these tests use it (a cast, not a global augmentation). */
export interface Hooks {
  outbox: OutboxHooks;
  repos: {
    orders: { get(id: string): Promise<{ packageIds: string[]; deliveryOptionId: string }> };
  };
}
export type HookWindow = { __packbench?: Hooks };

/** Short backoff and poll for tests; the app reads these only with `?dev=1`. */
export const FAST_SYNC = {
  engine: {
    backoff: { baseMs: 200, capMs: 2_000 },
    authProbeMs: 2_000,
    holdRecheckMs: 2_000,
    concurrency: 4,
    ratePerSecond: 50,
  },
  pollMs: 300,
};

export async function admin<T = unknown>(
  method: 'GET' | 'PUT' | 'POST',
  path: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${E2E_SANDBOX_URL}${path}`, {
    method,
    headers: { 'x-admin-token': E2E_SANDBOX_ADMIN_TOKEN, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export const resetFaults = () => admin('PUT', '/__admin/faults', {});
export const sandboxWrites = async () =>
  (await admin<{ writes: WriteRecord[] }>('GET', '/__admin/writes')).writes;

/** Applied writes per idempotency key. */
export async function writesByKey(keys: readonly string[]): Promise<Map<string, WriteRecord[]>> {
  const all = await sandboxWrites();
  const out = new Map<string, WriteRecord[]>(keys.map((k) => [k, []]));
  for (const w of all)
    if (w.idempotencyKey && out.has(w.idempotencyKey)) out.get(w.idempotencyKey)?.push(w);
  return out;
}

/** Fast sync timings and the tsx `__name` shim, for every page of the context. */
export async function prepareContext(context: BrowserContext): Promise<void> {
  await context.addInitScript(
    `globalThis.__name ??= (f) => f; localStorage.setItem('packbench.dev.outbox', ${JSON.stringify(
      JSON.stringify(FAST_SYNC),
    )});`,
  );
}

/** Opens the station with dev hooks and waits for the practice queue (first pull done). */
export async function bootStation(page: Page): Promise<void> {
  await page.goto('/?dev=1');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 90_000 });
  await page.waitForFunction(
    () => (window as unknown as HookWindow).__packbench?.outbox !== undefined,
  );
}

export function freshOrders(
  page: Page,
  count: number,
  type: 'TIKTOK' | 'SELLER',
  skip: string[] = [],
) {
  return page.evaluate(
    ([n, t, s]) => {
      const hooks = (window as unknown as HookWindow).__packbench;
      if (!hooks) throw new Error('dev hooks missing');
      return hooks.outbox.freshOrders(n, t, s);
    },
    [count, type, skip] as const,
  );
}

export function shipViaHook(page: Page, orderId: string, choice: ShipChoice) {
  return page.evaluate(
    ([id, c]) => {
      const hooks = (window as unknown as HookWindow).__packbench;
      if (!hooks) throw new Error('dev hooks missing');
      return hooks.outbox.ship(id, c);
    },
    [orderId, choice] as const,
  );
}

export function outboxRows(page: Page): Promise<RowView[]> {
  return page.evaluate(() => {
    const hooks = (window as unknown as HookWindow).__packbench;
    if (!hooks) throw new Error('dev hooks missing');
    return hooks.outbox.rows();
  });
}

export async function packageIdOf(page: Page, orderId: string): Promise<string> {
  const id = await page.evaluate(async (o) => {
    const order = await (window as unknown as HookWindow).__packbench?.repos.orders.get(o);
    return order?.packageIds[0] ?? '';
  }, orderId);
  if (!id) throw new Error(`no package for ${orderId}`);
  return id;
}

/** Waits until every given row is in one of `states`; returns the rows. */
export async function waitForRows(
  page: Page,
  ids: readonly string[],
  states: readonly string[],
  timeout = 60_000,
): Promise<RowView[]> {
  let last: RowView[] = [];
  await expect
    .poll(
      async () => {
        const rows = await outboxRows(page);
        last = rows.filter((r) => ids.includes(r.id));
        return last.filter((r) => states.includes(r.state)).length;
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toBe(ids.length);
  return last;
}

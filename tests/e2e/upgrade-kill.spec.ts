/**
 * A kill during a schema upgrade (reliability.md §5 case 17, issue 13). A station database at
 * schema 1 with many orders is written with raw IndexedDB, the app is opened on it (the upgrade
 * to the latest schema starts: v2 adds and indexes order flags over every order), and Chromium is
 * SIGKILLed while the upgrade runs. IndexedDB runs an upgrade in one versionchange transaction,
 * so on relaunch the database is still schema 1, complete; the upgrade runs again and every order
 * comes through with its flags.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_ORIGIN } from './env';
import { bootStation, prepareContext } from './outbox-support';

const ORDERS = 30_000;
const V1_STORES: Record<string, string> = {
  orders: 'id, status, shipBy, [status+shipBy], *packageIds, *trackingNumbers, searchName',
  products: 'id, sellerSku, *barcodes',
  stock: 'skuId',
  packSessions: 'id, orderId, status, startedAt',
  scanEvents: 'id, sessionId, orderId, at',
  labels: 'id, orderId, trackingNumber, printedAt',
  outbox: 'id, &idempotencyKey, &seq, orderId, [orderId+seq], state, nextAttemptAt',
  audit: 'id, at, kind, orderId',
  settings: 'key',
  meta: 'key',
};

function sigkill(profile: string): number {
  let n = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(profile)) {
        process.kill(Number(entry), 'SIGKILL');
        n += 1;
      }
    } catch {
      // Gone already.
    }
  }
  return n;
}

async function launch(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: E2E_ORIGIN,
  });
  await prepareContext(context);
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** Writes a schema-1 station database (Dexie's native version 10) as a v1 build left it. */
async function writeV1Database(page: Page, templates: unknown[]): Promise<void> {
  await page.goto('/favicon.svg'); // our origin, without the app (which would open the database)
  await page.evaluate(
    async ({ stores, templates, count }) => {
      await new Promise<void>((resolve, reject) => {
        const del = indexedDB.deleteDatabase('packbench-practice');
        del.onsuccess = () => resolve();
        del.onerror = () => reject(new Error('delete failed'));
      });
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('packbench-practice', 10);
        open.onupgradeneeded = () => {
          for (const [name, spec] of Object.entries(stores)) {
            const [primary = '', ...indexes] = spec.split(',').map((s) => s.trim());
            const store = open.result.createObjectStore(name, { keyPath: primary });
            for (const raw of indexes) {
              const unique = raw.startsWith('&');
              const multiEntry = raw.startsWith('*');
              const idx = raw.replace(/^[&*]/, '');
              const keyPath = idx.startsWith('[') ? idx.slice(1, -1).split('+') : idx;
              store.createIndex(idx, keyPath, { unique, multiEntry });
            }
          }
        };
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error ?? new Error('open failed'));
      });
      for (let start = 0; start < count; start += 2000) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction('orders', 'readwrite');
          const store = tx.objectStore('orders');
          for (let i = start; i < Math.min(count, start + 2000); i += 1) {
            const t = templates[i % templates.length] as Record<string, unknown>;
            const row: Record<string, unknown> = { ...t, id: `9${String(i).padStart(17, '0')}` };
            delete row.flags;
            store.put(row);
          }
          tx.oncomplete = () => resolve();
          tx.onerror = () => reject(tx.error ?? new Error('write failed'));
        });
      }
      db.close();
    },
    { stores: V1_STORES, templates, count: ORDERS },
  );
}

function nativeVersion(page: Page): Promise<number | null> {
  return page.evaluate(
    async () =>
      (await indexedDB.databases()).find((d) => d.name === 'packbench-practice')?.version ?? null,
  );
}

test('kill during a schema upgrade: on relaunch the database is whole at the old schema, the upgrade runs again, every order gets its flags', async () => {
  test.setTimeout(420_000);
  const templates = JSON.parse(
    readFileSync(join(import.meta.dirname, '../fixtures/db/v1-orders.json'), 'utf8'),
  ) as { status: string; isOnHold: boolean }[];
  const profile = mkdtempSync(join(tmpdir(), 'pb-upgrade-kill-'));
  try {
    let interrupted = false;
    // The kill must land inside the upgrade: shorter waits until it does (at most 4 tries).
    for (const waitMs of [400, 150, 50, 0]) {
      const { context, page } = await launch(profile);
      await writeV1Database(page, templates);
      expect(await nativeVersion(page)).toBe(10);
      await page.goto('/?dev=1');
      await page.waitForTimeout(waitMs);
      expect(sigkill(profile)).toBeGreaterThan(0);
      await context.close().catch(() => undefined);
      const check = await launch(profile);
      await check.page.goto('/favicon.svg');
      const version = await nativeVersion(check.page);
      await check.context.close();
      if (version === 10) {
        interrupted = true;
        break;
      }
    }
    expect(interrupted, 'a kill landed while the upgrade was running').toBe(true);

    // Relaunch: the app upgrades the whole, old database again.
    const { context, page } = await launch(profile);
    await page.goto('/favicon.svg');
    const before = await page.evaluate(
      async () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('packbench-practice');
          open.onsuccess = () => {
            const req = open.result.transaction('orders').objectStore('orders').count();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result);
            };
          };
          open.onerror = () => reject(open.error ?? new Error('open failed'));
        }),
    );
    expect(before).toBe(ORDERS);
    await bootStation(page);
    const after = await page.evaluate(async () => {
      const hooks = (
        window as unknown as {
          __packbench: {
            db: {
              verno: number;
              orders: {
                filter(f: (o: { id: string }) => boolean): {
                  toArray(): Promise<{ id: string; status: string; flags?: string[] }[]>;
                };
              };
            };
          };
        }
      ).__packbench;
      const ours = await hooks.db.orders.filter((o) => o.id.startsWith('9')).toArray();
      return {
        verno: hooks.db.verno,
        count: ours.length,
        withFlags: ours.filter((o) => Array.isArray(o.flags)).length,
        onHoldFlagged: ours.filter((o) => o.status === 'ON_HOLD' && o.flags?.includes('on-hold'))
          .length,
        onHold: ours.filter((o) => o.status === 'ON_HOLD').length,
      };
    });
    expect(after.verno).toBeGreaterThanOrEqual(2);
    expect(after.count).toBe(ORDERS);
    expect(after.withFlags).toBe(ORDERS);
    expect(after.onHold).toBeGreaterThan(0);
    expect(after.onHoldFlagged).toBe(after.onHold);
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

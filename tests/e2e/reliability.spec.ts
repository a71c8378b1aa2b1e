/**
 * Reliability reference cases that had no test (reliability.md §5, issue 13):
 * - case 5: offline, record updates, quit, relaunch still offline, then go online → each update
 *   applied once;
 * - case 19: a second instance. Chromium will not run two browser processes on one profile
 *   directory (the second hands over to the first and exits: its process singleton), so a second
 *   *instance* cannot open the station's IndexedDB; the test shows that, and the equivalent that
 *   can happen — two tabs of one station — drains with one worker (Web Lock) and applies every
 *   update once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_ORIGIN } from './env';
import {
  bootStation,
  freshOrders,
  outboxRows,
  prepareContext,
  resetFaults,
  shipViaHook,
  waitForRows,
  writesByKey,
} from './outbox-support';

test.afterEach(async () => {
  await resetFaults();
});

async function launch(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: E2E_ORIGIN,
  });
  await prepareContext(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

test('offline: record updates, quit, relaunch still offline, go online — each applied exactly once', async () => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'pb-offline-relaunch-'));
  try {
    const first = await launch(profile);
    await bootStation(first.page);
    const orders = await freshOrders(first.page, 6, 'TIKTOK');
    expect(orders.length).toBeGreaterThanOrEqual(4);
    await first.context.setOffline(true);
    const made: { id: string; idempotencyKey: string }[] = [];
    for (const orderId of orders) {
      made.push(
        await shipViaHook(first.page, orderId, { kind: 'platform', handoverMethod: 'DROP_OFF' }),
      );
    }
    const ids = made.map((m) => m.id);
    const keys = made.map((m) => m.idempotencyKey);
    await expect(first.page.getByTestId('sync-link')).toContainText('OFFLINE');
    // Quit (a clean close) with every update still waiting.
    expect(
      (await outboxRows(first.page)).filter((r) => ids.includes(r.id)).map((r) => r.state),
    ).toEqual(made.map(() => 'pending'));
    await first.context.close();

    // Relaunch, still offline: the shop cannot be reached (its calls fail as a dead network
    // does) until the page has loaded, then the browser itself goes offline.
    const second = await launch(profile);
    await second.context.route('**/api/shop.*', (route) => route.abort('internetdisconnected'));
    await bootStation(second.page);
    await second.context.setOffline(true);
    await second.context.unroute('**/api/shop.*');
    await expect(second.page.getByTestId('sync-link')).toContainText('OFFLINE');
    const waiting = (await outboxRows(second.page)).filter((r) => ids.includes(r.id));
    expect(waiting).toHaveLength(made.length);
    // Still queued (an attempt may be under way); none finished, none parked.
    for (const r of waiting) expect(['pending', 'inflight', 'verify'], r.id).toContain(r.state);
    expect([...(await writesByKey(keys)).values()].every((w) => w.length === 0)).toBe(true);

    // Online again: everything is delivered, each exactly once.
    await second.context.setOffline(false);
    await waitForRows(second.page, ids, ['done'], 90_000);
    const byKey = await writesByKey(keys);
    for (const key of keys) expect(byKey.get(key), key).toHaveLength(1);
    await second.context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

test('a second instance cannot open the station profile; two tabs of one station drain with one worker, each update once', async () => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'pb-second-instance-'));
  try {
    const { context, page } = await launch(profile);
    await bootStation(page);

    // A second browser process on the same profile directory never gets to run the station.
    await expect(
      chromium
        .launchPersistentContext(profile, {
          executablePath: CHROMIUM_PATH,
          args: CHROMIUM_ARGS,
          headless: true,
          timeout: 30_000,
        })
        .then(async (c) => {
          await c.close();
          return 'opened';
        }),
    ).rejects.toThrow();

    // Two tabs of the same station: one drains, the other says another window is syncing.
    const tab2 = await context.newPage();
    await bootStation(tab2);
    const syncing = async () =>
      Promise.all(
        [page, tab2].map(async (p) =>
          (await p.getByTestId('sync-link').locator('..').textContent())?.includes(
            'another window is syncing',
          ),
        ),
      );
    await expect.poll(async () => (await syncing()).filter(Boolean).length).toBe(1);

    const orders = await freshOrders(page, 6, 'TIKTOK');
    expect(orders.length).toBeGreaterThanOrEqual(4);
    const made: { id: string; idempotencyKey: string }[] = [];
    for (const [i, orderId] of orders.entries()) {
      made.push(
        await shipViaHook(i % 2 === 0 ? page : tab2, orderId, {
          kind: 'platform',
          handoverMethod: 'DROP_OFF',
        }),
      );
    }
    await waitForRows(
      tab2,
      made.map((m) => m.id),
      ['done'],
      90_000,
    );
    const byKey = await writesByKey(made.map((m) => m.idempotencyKey));
    for (const m of made) expect(byKey.get(m.idempotencyKey), m.id).toHaveLength(1);

    // The draining tab closes: the other takes the lock and drains what comes next.
    const [first] = await syncing();
    const drainer = first ? tab2 : page;
    const other = first ? page : tab2;
    await drainer.close();
    await expect
      .poll(async () =>
        (await other.getByTestId('sync-link').locator('..').textContent())?.includes(
          'another window is syncing',
        ),
      )
      .toBe(false);
    const [late] = await freshOrders(other, 1, 'TIKTOK', orders);
    if (!late) throw new Error('no fresh order');
    const lateRow = await shipViaHook(other, late, { kind: 'platform', handoverMethod: 'PICKUP' });
    await waitForRows(other, [lateRow.id], ['done']);
    expect((await writesByKey([lateRow.idempotencyKey])).get(lateRow.idempotencyKey)).toHaveLength(
      1,
    );
    await context.close();
  } finally {
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

/**
 * The exactly-once outbox against the sandbox shop (reliability.md §5, cases 4, 6, 7, 10, 11, 14):
 * injected faults on the ship call, conflicts made upstream, and a kill-the-browser loop. The
 * sandbox's `/__admin/writes` is the oracle: one applied write per intent, none lost.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_ORIGIN } from './env';
import {
  admin,
  bootStation,
  freshOrders,
  outboxRows,
  type HookWindow,
  packageIdOf,
  prepareContext,
  resetFaults,
  shipViaHook,
  waitForRows,
  writesByKey,
} from './outbox-support';

test.afterEach(async () => {
  await resetFaults();
});

test('fault injection: 500, 503, 429 with Retry-After, timeout, drop after write, malformed JSON — each shipment applied exactly once', async ({
  page,
  context,
}) => {
  test.setTimeout(150_000);
  await prepareContext(context);
  await bootStation(page);
  const orders = await freshOrders(page, 6, 'TIKTOK');
  expect(orders).toHaveLength(6);
  const packages = await Promise.all(orders.map((o) => packageIdOf(page, o)));
  const faults = [
    { kind: 'http-500', times: 2 },
    { kind: 'http-503', times: 2 },
    { kind: 'http-429', times: 2, retryAfterSeconds: 1 },
    { kind: 'timeout', times: 1 },
    { kind: 'drop-after-write', times: 1 },
    { kind: 'malformed-json', times: 1 },
  ] as const;
  await admin('PUT', '/__admin/faults', {
    rules: faults.map((f, i) => ({ ...f, method: 'POST', path: `/packages/${packages[i]}/ship` })),
  });

  const intents: { id: string; idempotencyKey: string }[] = [];
  for (const orderId of orders) {
    intents.push(
      await shipViaHook(page, orderId, { kind: 'platform', handoverMethod: 'DROP_OFF' }),
    );
  }
  const rows = await waitForRows(
    page,
    intents.map((i) => i.id),
    ['done'],
    120_000,
  );

  // Exactly one applied write per intent, for the right order and package.
  const byKey = await writesByKey(intents.map((i) => i.idempotencyKey));
  intents.forEach((intent, i) => {
    const w = byKey.get(intent.idempotencyKey) ?? [];
    expect(w, `${faults[i]?.kind}: writes`).toHaveLength(1);
    expect(w[0]?.orderId).toBe(orders[i]);
    expect(w[0]?.packageId).toBe(packages[i]);
  });
  // Every fault was met and survived: the failed sends are on record, the faults are used up.
  const byId = new Map(rows.map((r) => [r.id, r]));
  const row = (i: number) => byId.get(intents[i]?.id ?? '');
  expect(row(0)?.attempts, '500 ×2: sent three times, read back in between').toBe(3);
  expect(row(1)?.attempts, '503 ×2: sent three times, read back in between').toBe(3);
  expect(row(3)?.lastError?.message, 'timeout').toMatch(/in time|timeout/);
  expect(row(4)?.lastError?.code, 'drop after write → read back').toBe('NETWORK_AFTER_SEND');
  expect(row(4)?.attempts, 'drop after write: never sent twice').toBe(1);
  expect(row(5)?.lastError?.code, 'malformed → read back').toBe('MALFORMED');
  expect(row(5)?.attempts, 'malformed: never sent twice').toBe(1);
  const left = await admin<{ rules: unknown[] }>('GET', '/__admin/faults');
  expect(left.rules).toEqual([]);

  // The status bar agrees: nothing waiting, a last success.
  await expect(page.getByTestId('sync-depth')).toHaveAttribute('data-depth', '0');
  await expect(page.getByTestId('sync-link')).toContainText('online');
});

test('conflicts are shown to the packer: cancelled while offline, and shipped elsewhere', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await prepareContext(context);
  await bootStation(page);
  const [cancelId] = await freshOrders(page, 1, 'TIKTOK');
  const [elsewhereId] = await freshOrders(page, 1, 'SELLER');
  if (!cancelId || !elsewhereId) throw new Error('no fresh orders');

  // Offline: the packer ships through the Ship screen; the order is cancelled upstream meanwhile.
  await context.setOffline(true);
  await page.keyboard.press('F4');
  await page.getByTestId('ship-scan').fill(cancelId);
  await page.getByTestId('ship-scan').press('Enter');
  await page.getByTestId('ship-mark-packed').click();
  await page.getByTestId('ship-platform-DROP_OFF').click();
  await expect(page.getByTestId('ship-flash')).toContainText('Recorded');
  await expect(page.getByTestId('sync-link')).toContainText('OFFLINE');
  await admin('POST', `/__admin/orders/${cancelId}/cancel`, {
    reason: 'e2e: cancelled while offline',
  });

  // Shipped elsewhere: another device already shipped the package with its own number.
  const pkg = await packageIdOf(page, elsewhereId);
  await context.setOffline(false);
  const other = await page.evaluate(
    async ([packageId, orderId]) => {
      const hooks = (window as unknown as HookWindow).__packbench;
      if (!hooks) throw new Error('hooks');
      const order = await hooks.repos.orders.get(orderId);
      const providers = await hooks.outbox
        .shop()
        .getShippingProviders({ deliveryOptionId: order.deliveryOptionId });
      const usps = providers.value?.shipping_providers.find((p) => p.name === 'USPS');
      const tracking = `9400${String(Date.now()).slice(-12)}0000`.slice(0, 22);
      const r = await hooks.outbox.shop().shipPackage({
        packageId,
        handoverMethod: 'DROP_OFF',
        selfShipment: { trackingNumber: tracking, shippingProviderId: usps?.id ?? '' },
        idempotencyKey: `elsewhere-${packageId}`,
      });
      return { ok: r.ok, tracking, providerId: usps?.id ?? '' };
    },
    [pkg, elsewhereId] as const,
  );
  expect(other.ok).toBe(true);
  const ours = `${String(Date.now()).slice(-12)}`;
  const elsewhere = await shipViaHook(page, elsewhereId, {
    kind: 'seller',
    carrier: 'fedex',
    provider: { id: other.providerId, name: 'USPS' },
    trackingNumber: ours,
  });

  const rows = await outboxRows(page);
  const cancelRow = rows.find((r) => r.orderId === cancelId);
  if (!cancelRow) throw new Error('cancel row missing');
  const parked = await waitForRows(
    page,
    [cancelRow.id, elsewhere.id],
    ['conflict-cancelled', 'conflict-shipped'],
  );
  expect(parked.find((r) => r.id === cancelRow.id)?.state).toBe('conflict-cancelled');
  const shippedRow = parked.find((r) => r.id === elsewhere.id);
  expect(shippedRow?.state).toBe('conflict-shipped');
  expect(shippedRow?.conflict?.upstreamTrackingNumber).toBe(other.tracking);

  // Nothing of ours reached the shop for either order.
  const byKey = await writesByKey([cancelRow.idempotencyKey, elsewhere.idempotencyKey]);
  expect(byKey.get(cancelRow.idempotencyKey)).toEqual([]);
  expect(byKey.get(elsewhere.idempotencyKey)).toEqual([]);

  // The Outbox screen shows both, with both numbers and the recall instruction.
  await page.keyboard.press('F6');
  const cancelCard = page.locator(`[data-testid="outbox-card"][data-row-id="${cancelRow.id}"]`);
  await expect(cancelCard).toHaveAttribute('data-state', 'conflict-cancelled');
  await expect(cancelCard).toContainText('DO NOT HAND OVER');
  const shippedCard = page.locator(`[data-testid="outbox-card"][data-row-id="${elsewhere.id}"]`);
  await expect(shippedCard.getByTestId('ours')).toContainText(ours);
  await expect(shippedCard.getByTestId('theirs')).toContainText(other.tracking);
  await expect(page.getByTestId('sync-needs-person')).toContainText('2');
  // The cancelled order is flagged stop-ship on this station too.
  await page.keyboard.press('F4');
  await page.getByTestId('ship-scan').fill(cancelId);
  await page.getByTestId('ship-scan').press('Enter');
  await expect(page.getByTestId('ship-stop')).toBeVisible();

  // Handled: the decision is audited and the card moves to the dismissed list.
  await page.keyboard.press('F6');
  await shippedCard.getByRole('button', { name: 'Mark handled' }).click();
  await shippedCard.getByRole('button', { name: 'Press again to confirm' }).click();
  await expect(page.getByTestId('sync-needs-person')).toContainText('1');
});

/* ---------------- kill the browser mid-sync ---------------- */

/** Every process whose command line names this profile directory: the browser and its children. */
function chromiumPids(profile: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes(profile)) out.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function sigkill(profile: string): number {
  const pids = chromiumPids(profile);
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return pids.length;
}

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

const KILL_ITERATIONS = Number(process.env.PACKBENCH_KILL_ITERATIONS ?? 20);

test(`kill the browser mid-sync ${KILL_ITERATIONS} times: nothing lost, nothing applied twice`, async () => {
  test.setTimeout(60_000 + KILL_ITERATIONS * 12_000);
  const profile = mkdtempSync(join(tmpdir(), 'pb-kill-'));
  // Slow answers widen the window in which a kill lands between send and outcome.
  await admin('PUT', '/__admin/faults', { latencyMs: 250 });
  const intents: { id: string; idempotencyKey: string; orderId: string }[] = [];
  let killedInFlight = 0;
  for (let i = 0; i < KILL_ITERATIONS; i += 1) {
    const { context, page } = await launch(profile);
    await bootStation(page);
    const orders = await freshOrders(
      page,
      2,
      'TIKTOK',
      intents.map((x) => x.orderId),
    );
    expect(orders.length).toBeGreaterThan(0);
    for (const orderId of orders) {
      const r = await shipViaHook(page, orderId, { kind: 'platform', handoverMethod: 'DROP_OFF' });
      intents.push({ ...r, orderId });
    }
    const mine = new Set(intents.map((x) => x.id));
    // Let sync start: some row of ours is being sent (or already done), then kill at a random point.
    await expect
      .poll(
        async () => (await outboxRows(page)).some((r) => mine.has(r.id) && r.state !== 'pending'),
        {
          timeout: 20_000,
          intervals: [50, 100],
        },
      )
      .toBe(true);
    if ((await outboxRows(page)).some((r) => mine.has(r.id) && r.state === 'inflight'))
      killedInFlight += 1;
    await page.waitForTimeout(Math.floor(Math.random() * 300));
    expect(sigkill(profile)).toBeGreaterThan(0);
    await context.close().catch(() => undefined);
  }
  await resetFaults();

  // The last start drains everything left.
  const { context, page } = await launch(profile);
  await bootStation(page);
  await waitForRows(
    page,
    intents.map((x) => x.id),
    ['done'],
    90_000,
  );
  const byKey = await writesByKey(intents.map((x) => x.idempotencyKey));
  for (const intent of intents) {
    expect(byKey.get(intent.idempotencyKey), `order ${intent.orderId}`).toHaveLength(1);
  }
  test.info().annotations.push({
    type: 'kills',
    description: `${KILL_ITERATIONS} kills, ${killedInFlight} with a send in flight, ${intents.length} intents`,
  });
  await context.close();
  execFileSync('rm', ['-rf', profile]);
});

test('handover: scan parcels into the carrier batch, name missing and extra ones, save the manifest', async ({
  page,
  context,
}) => {
  await prepareContext(context);
  await bootStation(page);
  const orders = await freshOrders(page, 2, 'TIKTOK');
  expect(orders).toHaveLength(2);
  const [first, second] = orders as [string, string];
  for (const id of orders) {
    await shipViaHook(page, id, { kind: 'platform', handoverMethod: 'DROP_OFF' });
  }
  const firstPackage = await packageIdOf(page, first);
  const secondPackage = await packageIdOf(page, second);

  await page.keyboard.press('F5');
  await page.getByTestId('handover-carrier').filter({ hasText: 'TikTok Shipping' }).click();
  const counts = page.getByTestId('handover-counts');
  const expected = Number(await counts.getAttribute('data-expected'));
  expect(expected).toBeGreaterThanOrEqual(2);
  const scan = page.getByTestId('handover-scan');
  await scan.fill(firstPackage);
  await scan.press('Enter');
  await expect(page.getByTestId('handover-message')).toContainText(firstPackage);
  await scan.fill('NOT-A-PARCEL-42');
  await scan.press('Enter');
  await expect(page.getByTestId('handover-message')).toContainText('set it aside');
  await expect(counts).toHaveAttribute('data-scanned', '2');
  await expect(page.getByTestId('handover-missing')).toContainText(second);
  await expect(page.getByTestId('handover-missing')).not.toContainText(first);
  await expect(page.getByTestId('handover-extra')).toContainText('NOT-A-PARCEL-42');

  const download = page.waitForEvent('download');
  await page.getByTestId('handover-csv').click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8');
  expect(csv.split(/\r?\n/)[0]).toBe(
    'carrier,package_id,order_id,tracking_number,status,handed_over_at',
  );
  expect(csv).toContain(`${firstPackage},${first},`);
  expect(csv).toMatch(new RegExp(`${secondPackage},${second},[^,]*,missing`));
  expect(csv).toContain('NOT-A-PARCEL-42,,,extra');

  await page.getByTestId('handover-close').click();
  await expect(scan).toBeDisabled();
});

/**
 * "Confirm clean orders" on the queue, in Chromium against the web host and the practice shop:
 * real IndexedDB, the orders the first pull brought in, driven from the keyboard. The summary is
 * checked against the database read with raw IndexedDB, not against the app's own code.
 */
import { expect, test, type Page } from '@playwright/test';
import { readStore } from '../support/practice-db';
import { sendScannerKeys } from '../support/scanner-keys';
import type { OrderRow } from '../../shared/domain/order';
import type { StockRow } from '../../shared/domain/product';

type Order = OrderRow;
type Stock = StockRow;

interface Audit {
  kind: string;
  orderId: string;
  actor: string;
  station: string;
  at: number;
  detail: Record<string, unknown>;
}

async function start(page: Page, path = '/') {
  await page.goto(path);
  // First start pulls the practice shop: generous on a shared 2-core machine.
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 60_000 });
}

/** Confirmed per the audit trail: the latest confirm/release row of each order is a confirm. */
function confirmedIds(audit: Audit[]): Set<string> {
  const latest = new Map<string, Audit>();
  for (const a of audit) {
    if (a.kind !== 'order.confirmed' && a.kind !== 'order.released') continue;
    const last = latest.get(a.orderId);
    if (!last || a.at > last.at || (a.at === last.at && a.kind === 'order.released')) {
      latest.set(a.orderId, a);
    }
  }
  return new Set([...latest].filter(([, a]) => a.kind === 'order.confirmed').map(([id]) => id));
}

/** The queue's row height (renderer/src/features/queue/OrderRowView.tsx). */
const ROW_HEIGHT = 72;

const panelOf = (page: Page) => page.getByTestId('batch-panel');
const num = async (page: Page, testId: string) =>
  Number(await panelOf(page).getByTestId(testId).textContent());

test('confirms the clean orders, lists the flagged ones with reasons, and the summary matches the database', async ({
  page,
}) => {
  await start(page);
  const stockBefore = await readStore<Stock>(page, 'stock');
  expect(stockBefore.every((s) => s.reserved === 0)).toBe(true);
  const detail = page.getByTestId('order-detail');
  await expect(detail).toHaveAttribute('data-order-id', /\d+/);
  const detailId = (await detail.getAttribute('data-order-id')) ?? '';
  await expect(page.locator('.queue-row[data-confirmed="false"]').first()).toBeVisible();
  await expect(page.getByTestId('order-confirmed')).toHaveCount(0);

  // Keyboard only: Alt+C opens the action; nobody is signed in, so it asks for the packer first.
  await page.keyboard.press('Alt+C');
  const panel = panelOf(page);
  await expect(panel).toHaveAttribute('data-phase', 'ready');
  const name = panel.getByRole('textbox', { name: 'Packer name' });
  await expect(name).toBeFocused();
  await page.keyboard.type('Alice', { delay: 150 });
  await expect(name).toHaveValue('Alice');
  await page.keyboard.press('Enter');
  await expect(panel.getByTestId('batch-packer')).toContainText('Alice');
  const startButton = panel.getByRole('button', { name: 'Start' });
  await expect(startButton).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(panel).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  const bar = panel.getByRole('progressbar');
  const total = Number(await bar.getAttribute('aria-valuemax'));
  await expect(bar).toHaveAttribute('aria-valuenow', String(total));
  const shownConfirmed = await num(page, 'batch-confirmed');
  const shownFlagged = await num(page, 'batch-flagged');
  expect(await num(page, 'batch-already')).toBe(0);
  test.info().annotations.push({
    type: 'summary',
    description: `${total} checked: ${shownConfirmed} confirmed, ${shownFlagged} flagged`,
  });

  // The database, read directly.
  const orders = await readStore<Order>(page, 'orders');
  const audit = await readStore<Audit>(page, 'audit');
  const stock = await readStore<Stock>(page, 'stock');
  const awaiting = orders.filter((o) => o.status === 'AWAITING_SHIPMENT');
  expect(total).toBe(awaiting.length);
  const confirmed = confirmedIds(audit);
  const batchRows = audit.filter((a) => a.kind === 'order.confirmed' && a.detail.batch === true);
  expect(shownConfirmed).toBeGreaterThan(0);
  expect(shownFlagged).toBeGreaterThan(0);
  expect(batchRows).toHaveLength(shownConfirmed);
  expect(confirmed.size).toBe(shownConfirmed);
  expect(batchRows.every((a) => a.actor === 'Alice' && a.station.length > 0)).toBe(true);
  expect(awaiting.length - confirmed.size).toBe(shownFlagged);
  expect([...confirmed].every((id) => awaiting.some((o) => o.id === id))).toBe(true);

  // The order detail open since before the run (no badge then) follows the audit trail live,
  // with no reload: the first order of the practice queue is a clean one, now confirmed.
  expect(confirmed.has(detailId)).toBe(true);
  await expect(detail.getByTestId('order-confirmed')).toHaveText('✓ Confirmed');

  // Stock: reserved per SKU is exactly the units of the confirmed orders, never above on hand.
  const units = new Map<string, number>();
  for (const o of awaiting) {
    if (!confirmed.has(o.id)) continue;
    for (const l of o.lines) units.set(l.skuId, (units.get(l.skuId) ?? 0) + 1);
  }
  for (const s of stock) {
    expect({ sku: s.skuId, reserved: s.reserved }).toEqual({
      sku: s.skuId,
      reserved: units.get(s.skuId) ?? 0,
    });
    expect(s.reserved).toBeLessThanOrEqual(s.onHand);
  }

  // Every unconfirmed awaiting order is listed, with its reasons; none of them is confirmed.
  const list = panel.getByTestId('batch-flagged-list');
  const listedIds = await list
    .locator('button[data-order-id]')
    .evaluateAll((els) => els.map((el) => el.getAttribute('data-order-id') ?? ''));
  expect(new Set(listedIds)).toEqual(
    new Set(awaiting.filter((o) => !confirmed.has(o.id)).map((o) => o.id)),
  );
  for (const o of awaiting.filter((x) => x.isBuyerRequestCancel)) {
    const item = list.locator(`button[data-order-id="${o.id}"]`);
    await expect(item.locator('[data-code="order.cancel-requested"]')).toHaveText(
      'Buyer asked to cancel: handle the request first, do not ship',
    );
  }
  const short = list.locator('button[data-order-id]', {
    has: page.locator('[data-code="stock.short"]'),
  });
  expect(await short.count()).toBeGreaterThan(0);
  await expect(short.first().locator('[data-code="stock.short"]')).toContainText('PB-');
  // Every listed order shows at least one reason text.
  const withoutReason = await list
    .locator('button[data-order-id]')
    .evaluateAll((els) => els.filter((el) => el.querySelectorAll('li').length === 0).length);
  expect(withoutReason).toBe(0);

  // A flagged order opens from the list with the keyboard: on the pack screen, with its stop.
  const cancelled = awaiting.find((o) => o.isBuyerRequestCancel);
  expect(cancelled).toBeDefined();
  const item = list.locator(`button[data-order-id="${cancelled?.id ?? ''}"]`);
  await item.focus();
  await page.keyboard.press('Enter');
  const confirmPanel = page.getByTestId('confirm-panel');
  await expect(confirmPanel).toHaveAttribute('data-verdict', 'stop');
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute(
    'data-order-id',
    cancelled?.id ?? '',
  );
  await expect(confirmPanel.locator('[data-code="order.cancel-requested"]')).toBeVisible();

  // A confirmed order, opened by scanning its id, shows as confirmed already.
  const done = awaiting.find((o) => confirmed.has(o.id));
  const cdp = await page.context().newCDPSession(page);
  await sendScannerKeys(cdp, done?.id ?? '');
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute('data-order-id', done?.id ?? '');
  await expect(page.getByTestId('confirm-panel').locator('.ok-text')).toHaveText(
    'Already confirmed (stock reserved)',
  );

  // Back on the queue the summary is still there; a second run confirms nothing more.
  await page.keyboard.press('F2');
  await expect(panel).toHaveAttribute('data-phase', 'done');
  await expect(panel.getByTestId('batch-confirmed')).toHaveText(String(shownConfirmed));
  await panel.getByRole('button', { name: 'Close' }).press('Enter');
  await expect(panel).toHaveCount(0);

  // The queue rows say which orders are confirmed: a confirmed order's row has the badge, a
  // flagged one's has none, and every row on screen agrees with the audit trail.
  const queueRows = page.locator('.queue-list .queue-row[data-order-id]');
  await expect(queueRows.first()).toBeVisible();
  const rowIds = await queueRows.evaluateAll((els) =>
    els.map((el) => el.getAttribute('data-order-id') ?? ''),
  );
  for (const id of rowIds) {
    await expect(page.locator(`.queue-row[data-order-id="${id}"]`)).toHaveAttribute(
      'data-confirmed',
      String(confirmed.has(id)),
    );
  }
  const confirmedRowId = rowIds.find((id) => confirmed.has(id)) ?? '';
  const confirmedRow = page.locator(`.queue-row[data-order-id="${confirmedRowId}"]`);
  await expect(confirmedRow.getByTestId('order-confirmed')).toBeVisible();
  await expect(confirmedRow.getByTestId('order-confirmed')).toHaveText('✓ Confirmed');
  // The first flagged order in queue order (ship-by, then id): scrolled to, it has no badge.
  const queueOrder = [...awaiting].sort(
    (a, b) => a.shipBy - b.shipBy || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const flaggedIndex = queueOrder.findIndex((o) => !confirmed.has(o.id));
  const flaggedId = queueOrder[flaggedIndex]?.id ?? '';
  await page
    .locator('.queue-list')
    .evaluate((el, top) => el.scrollTo(0, top), flaggedIndex * ROW_HEIGHT);
  const flaggedRow = page.locator(`.queue-row[data-order-id="${flaggedId}"]`);
  await expect(flaggedRow).toBeVisible();
  await expect(flaggedRow).toHaveAttribute('data-confirmed', 'false');
  await expect(flaggedRow.getByTestId('order-confirmed')).toHaveCount(0);
  await flaggedRow.click();
  await expect(detail).toHaveAttribute('data-order-id', flaggedId);
  await expect(detail.getByTestId('order-confirmed')).toHaveCount(0);
  await page.keyboard.press('Alt+C');
  await panel.getByRole('button', { name: 'Start' }).press('Enter');
  await expect(panel).toHaveAttribute('data-phase', 'done', { timeout: 60_000 });
  await expect(panel.getByTestId('batch-confirmed')).toHaveText('0');
  await expect(panel.getByTestId('batch-already')).toHaveText(String(shownConfirmed));
  await expect(panel.getByTestId('batch-flagged')).toHaveText(String(shownFlagged));
  expect(await readStore<Stock>(page, 'stock')).toEqual(stock);
});

test('a long run shows its progress, can be stopped, and keeps exactly what it finished', async ({
  page,
}) => {
  await start(page, '/?dev=1');
  // Grow the practice queue well past what one chunk holds (written straight to IndexedDB).
  await page.evaluate(async () => {
    const hooks = (window as unknown as { __packbench: { seed: (n: number) => Promise<unknown> } })
      .__packbench;
    await hooks.seed(20_000);
  });
  await page.keyboard.press('Alt+C');
  const panel = panelOf(page);
  await panel.getByRole('textbox', { name: 'Packer name' }).fill('Bea');
  await panel.getByRole('button', { name: 'Sign in' }).click();
  await panel.getByRole('button', { name: 'Start' }).click();
  await expect(panel).toHaveAttribute('data-phase', 'running');
  const bar = panel.getByRole('progressbar');
  // Some chunks are done (the bar has a value, and it is not 0).
  await expect(bar).toHaveAttribute('aria-valuenow', /^[1-9]\d*$/);
  // The page stays responsive while it runs: the search box takes typing.
  const search = page.getByRole('searchbox');
  await search.click();
  await page.keyboard.type('zz', { delay: 150 });
  await expect(search).toHaveValue('zz');
  await panel.getByRole('button', { name: 'Stop' }).click();
  await expect(panel).toHaveAttribute('data-phase', 'done');
  await expect(panel.getByTestId('batch-status')).toContainText('Stopped after');
  const scanned = Number(await bar.getAttribute('aria-valuenow'));
  const total = Number(await bar.getAttribute('aria-valuemax'));
  expect(scanned).toBeGreaterThan(0);
  expect(scanned).toBeLessThan(total);
  test.info().annotations.push({ type: 'stopped at', description: `${scanned} of ${total}` });
  const shownConfirmed = Number(await panel.getByTestId('batch-confirmed').textContent());
  const audit = await readStore<Audit>(page, 'audit');
  const batchRows = audit.filter((a) => a.kind === 'order.confirmed' && a.detail.batch === true);
  expect(batchRows).toHaveLength(shownConfirmed);
  expect(batchRows.every((a) => a.actor === 'Bea')).toBe(true);
});

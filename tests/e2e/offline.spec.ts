/**
 * The offline flow (issue 6 §5, reliability.md §5 case 5): with the network off the station keeps
 * working from IndexedDB — the packer confirms packed parcels and ships three orders on the Ship
 * screen; when the network returns, all three reach the shop exactly once.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  bootStation,
  freshOrders,
  outboxRows,
  prepareContext,
  resetFaults,
  sandboxWrites,
  waitForRows,
  writesByKey,
} from './outbox-support';

test.afterEach(async () => {
  await resetFaults();
});

async function openOnShip(page: Page, orderId: string) {
  await page.getByTestId('ship-scan').fill(orderId);
  await page.getByTestId('ship-scan').press('Enter');
  await expect(page.getByTestId('ship-panel')).toHaveAttribute('data-order-id', orderId);
  // Not packed on this station yet: the packer confirms it is packed.
  await page.getByTestId('ship-mark-packed').click();
}

test('network off: ship three orders from the Ship screen; network on: each synced exactly once', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await prepareContext(context);
  await bootStation(page);
  const [platformId] = await freshOrders(page, 1, 'TIKTOK');
  const sellerIds = await freshOrders(page, 2, 'SELLER');
  if (!platformId || sellerIds.length !== 2) throw new Error('not enough fresh orders');
  const [sellerA, sellerB] = sellerIds as [string, string];
  const stamp = String(Date.now()).slice(-10);
  const trackingA = `11${stamp}`;
  const trackingB = `22${stamp}`;

  await context.setOffline(true);
  await page.keyboard.press('F4');
  await expect(page.getByTestId('sync-link')).toContainText('OFFLINE');

  // 1. Platform logistics: the suggestion with its reasons, confirmed as a drop-off.
  await openOnShip(page, platformId);
  await expect(page.getByTestId('ship-platform')).toContainText('the platform books the carrier');
  await page.getByTestId('ship-platform-DROP_OFF').click();
  await expect(page.getByTestId('ship-flash')).toContainText('Recorded');

  // 2. Seller shipping: FedEx, provider from the saved list, tracking scanned and validated.
  await openOnShip(page, sellerA);
  await page.getByTestId('ship-carrier').selectOption('fedex');
  await expect(page.getByTestId('ship-provider')).toContainText('FedEx');
  const tracking = page.getByTestId('ship-tracking');
  await tracking.fill('12345');
  await expect(page.getByTestId('ship-tracking-check')).toContainText('not a FedEx');
  await expect(page.getByTestId('ship-confirm')).toBeDisabled();
  await tracking.fill(trackingA);
  await expect(page.getByTestId('ship-tracking-check')).toContainText('Valid');
  await tracking.press('Enter');
  await expect(page.getByTestId('ship-flash')).toContainText(trackingA);

  // 3. The same number on another order is refused, naming the order that has it.
  await openOnShip(page, sellerB);
  await page.getByTestId('ship-carrier').selectOption('fedex');
  await page.getByTestId('ship-tracking').fill(trackingA);
  await expect(page.getByTestId('ship-tracking-used')).toContainText(sellerA);
  await expect(page.getByTestId('ship-confirm')).toBeDisabled();
  await page.getByTestId('ship-tracking').fill(trackingB);
  await page.getByTestId('ship-confirm').click();
  await expect(page.getByTestId('ship-flash')).toContainText(trackingB);

  // Still offline: three updates wait, nothing reached the shop, the queue still works.
  await expect(page.getByTestId('sync-depth')).toHaveAttribute('data-depth', '3');
  const ids = [platformId, sellerA, sellerB];
  const rows = (await outboxRows(page)).filter((r) => ids.includes(r.orderId));
  expect(rows).toHaveLength(3);
  expect(rows.every((r) => r.state === 'pending')).toBe(true);
  const before = await sandboxWrites();
  expect(before.filter((w) => ids.includes(w.orderId))).toEqual([]);
  await page.keyboard.press('F2');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible();

  // Network back: the worker drains on its own.
  await context.setOffline(false);
  await waitForRows(
    page,
    rows.map((r) => r.id),
    ['done'],
  );
  await expect(page.getByTestId('sync-depth')).toHaveAttribute('data-depth', '0');
  await expect(page.getByTestId('sync-link')).toContainText('online');
  const byKey = await writesByKey(rows.map((r) => r.idempotencyKey));
  for (const r of rows) expect(byKey.get(r.idempotencyKey), r.orderId).toHaveLength(1);
  const applied = [...byKey.values()].flat();
  expect(applied.find((w) => w.orderId === sellerA)?.trackingNumber).toBe(trackingA);
  expect(applied.find((w) => w.orderId === sellerB)?.trackingNumber).toBe(trackingB);
  expect(applied.find((w) => w.orderId === platformId)?.handoverMethod).toBe('DROP_OFF');
});

/**
 * Seller shipping, then a tracking-number correction (tiktok-shop-api.md G13: once, within 72 h),
 * driven by the keyboard: sign in (F3), ship on the Ship screen (F4), find the order on the queue
 * (F2, "/"), correct it (Alt+T) — offline first, so it waits in the outbox — and a second
 * correction that the sandbox shop refuses, which must show up on the Outbox screen (F6). The
 * sandbox's `/__admin/writes` is the oracle: the correction is applied exactly once.
 */
import { expect, test, type Page } from '@playwright/test';
import {
  bootStation,
  freshOrders,
  outboxRows,
  prepareContext,
  resetFaults,
  sandboxWrites,
  shipViaHook,
  type HookWindow,
  type RowView,
} from './outbox-support';

/** Typing as a person does: slow enough that the scanner listener never takes it for a scan. */
const TYPE_DELAY_MS = 120;

const FEDEX = { id: '7132708441138333445', name: 'FedEx' };

type Row = RowView & { kind: string; seq: number; payload: { trackingNumber?: string } };

async function rowsOf(page: Page, orderId: string): Promise<Row[]> {
  return ((await outboxRows(page)) as Row[])
    .filter((r) => r.orderId === orderId)
    .sort((a, b) => a.seq - b.seq);
}

/** Polls until the order's newest row of `kind` is in `state`; returns it. */
async function waitForKind(page: Page, orderId: string, kind: string, state: string) {
  let found: Row | undefined;
  await expect
    .poll(
      async () => {
        found = (await rowsOf(page, orderId)).filter((r) => r.kind === kind).at(-1);
        return found?.state;
      },
      { timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .toBe(state);
  if (!found) throw new Error('unreachable');
  return found;
}

/** The order as the shop has it now, through the station's own bridge. */
async function upstreamTracking(page: Page, orderId: string): Promise<string[]> {
  return page.evaluate(async (id) => {
    const hooks = (window as unknown as HookWindow).__packbench as unknown as {
      outbox: {
        shop(): {
          getOrders(a: { ids: string[] }): Promise<{
            ok: boolean;
            value?: { orders: { line_items: { tracking_number: string }[] }[] };
          }>;
        };
      };
    };
    const r = await hooks.outbox.shop().getOrders({ ids: [id] });
    return r.value?.orders[0]?.line_items.map((li) => li.tracking_number) ?? [];
  }, orderId);
}

/** Twelve digits (a FedEx Express number), unique per run and per `n`. */
function fedexNumber(n: number): string {
  return `${String(Date.now()).slice(-10)}${String(n).padStart(2, '0')}`;
}

test.afterEach(async () => {
  await resetFaults();
});

test('a mistyped tracking number is corrected once (queued offline, applied exactly once); a second correction is refused and shown', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await prepareContext(context);
  await bootStation(page);
  const [orderId, otherId] = await freshOrders(page, 2, 'SELLER');
  if (!orderId || !otherId) throw new Error('no fresh seller-shipping orders');
  const mistyped = fedexNumber(1);
  const other = fedexNumber(2);
  const fixed = fedexNumber(3);
  const third = fedexNumber(4);

  // Another order already carries a number (shipped through the same enqueue path).
  await shipViaHook(page, otherId, {
    kind: 'seller',
    carrier: 'fedex',
    provider: FEDEX,
    trackingNumber: other,
  });

  // Sign in: every correction records who made it.
  await page.keyboard.press('F3');
  const name = page.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeFocused();
  await page.keyboard.type('Alice', { delay: TYPE_DELAY_MS });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pack-operator')).toContainText('Alice');

  // Ship by seller shipping on the Ship screen, with a mistyped number.
  await page.keyboard.press('F4');
  await expect(page.getByTestId('ship-scan')).toBeFocused();
  await page.keyboard.type(orderId, { delay: TYPE_DELAY_MS });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ship-panel')).toHaveAttribute('data-order-id', orderId);
  await page.getByTestId('ship-mark-packed').press('Enter');
  await page.getByTestId('ship-carrier').selectOption('fedex');
  await expect(page.getByTestId('ship-provider')).toContainText('FedEx');
  await expect(page.getByTestId('ship-tracking')).toBeFocused();
  await page.keyboard.type(mistyped, { delay: TYPE_DELAY_MS });
  await expect(page.getByTestId('ship-tracking-check')).toContainText('Valid');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ship-flash')).toContainText(mistyped);
  const ship = await waitForKind(page, orderId, 'ship-package', 'done');
  expect(ship.payload).toMatchObject({ selfShipment: { trackingNumber: mistyped } });
  expect(await upstreamTracking(page, orderId)).toContain(mistyped);
  await waitForKind(page, otherId, 'ship-package', 'done');

  // The queue: "/" to search, the order id, Enter; the detail shows the shipped order.
  await page.keyboard.press('F2');
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
  await page.keyboard.type(orderId, { delay: TYPE_DELAY_MS });
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('order-detail');
  await expect(detail).toHaveAttribute('data-order-id', orderId);
  await expect(detail.getByTestId('detail-tracking')).toHaveText(mistyped);
  await expect(
    detail.locator('[data-testid="order-sync-row"][data-kind="ship-package"]'),
  ).toHaveAttribute('data-stage', 'sent');

  // Offline: the correction is recorded and waits in the outbox.
  await context.setOffline(true);
  await page.keyboard.press('Alt+t');
  const dialog = page.getByTestId('correct-tracking-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('correct-tracking-current')).toHaveText(mistyped);
  await expect(dialog.getByTestId('correct-tracking-input')).toBeFocused();
  // A number already on another order is refused before anything is written.
  await page.keyboard.type(other, { delay: TYPE_DELAY_MS });
  await expect(dialog.getByTestId('correct-tracking-used')).toContainText(otherId);
  await expect(dialog.getByTestId('correct-tracking-confirm')).toBeDisabled();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  await expect(dialog.getByTestId('correct-tracking-input')).toHaveValue('');
  await page.keyboard.type(fixed, { delay: TYPE_DELAY_MS });
  await expect(dialog.getByTestId('correct-tracking-check')).toContainText('Valid');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(detail.getByTestId('correct-tracking-flash')).toContainText(fixed);
  await expect(detail.getByTestId('detail-tracking')).toHaveText(fixed);
  const waiting = detail.locator('[data-testid="order-sync-row"][data-kind="update-tracking"]');
  await expect(waiting).toHaveAttribute('data-stage', 'waiting');
  await expect(waiting).toContainText('waiting to sync');
  await expect(page.getByTestId('sync-depth')).toHaveAttribute('data-depth', '1');
  const before = (await sandboxWrites()).filter((w) => w.orderId === orderId);
  expect(before.map((w) => w.kind)).toEqual(['ship-package']);

  // Back online: it reaches the shop, exactly once.
  await context.setOffline(false);
  const fix = await waitForKind(page, orderId, 'update-tracking', 'done');
  await expect(waiting).toHaveAttribute('data-stage', 'sent');
  const applied = (await sandboxWrites()).filter(
    (w) => w.orderId === orderId && w.kind === 'update-shipping-info',
  );
  expect(applied).toHaveLength(1);
  expect(applied[0]).toMatchObject({
    trackingNumber: fixed,
    shippingProviderId: FEDEX.id,
    idempotencyKey: fix.idempotencyKey,
  });
  expect(await upstreamTracking(page, orderId)).toContain(fixed);

  // A second correction: the station warns, the shop refuses (once only), and it is shown.
  await page.keyboard.press('Alt+t');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('correct-tracking-once')).toBeVisible();
  await expect(dialog.getByTestId('correct-tracking-current')).toHaveText(fixed);
  await page.keyboard.type(third, { delay: TYPE_DELAY_MS });
  await expect(dialog.getByTestId('correct-tracking-check')).toContainText('Valid');
  await page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  const refused = await waitForKind(page, orderId, 'update-tracking', 'conflict-window');
  expect(refused.id).not.toBe(fix.id);
  await expect(
    detail.locator(`[data-testid="order-sync-row"][data-kind="update-tracking"]`).first(),
  ).toHaveAttribute('data-stage', 'refused');
  const updates = (await sandboxWrites()).filter(
    (w) => w.orderId === orderId && w.kind === 'update-shipping-info',
  );
  expect(updates, 'still exactly one applied correction').toHaveLength(1);
  expect(await upstreamTracking(page, orderId)).toContain(fixed);

  // The Outbox screen (F6) lists it under decisions, with our number and the shop's.
  await page.keyboard.press('F6');
  const card = page.locator(`[data-testid="outbox-card"][data-row-id="${refused.id}"]`);
  await expect(card).toHaveAttribute('data-state', 'conflict-window');
  await expect(card).toContainText('Change tracking');
  await expect(card).toContainText('72 hours, once only');
  await expect(card.getByTestId('ours')).toContainText(third);
  await expect(card.getByTestId('theirs')).toContainText(fixed);
  await expect(page.getByTestId('sync-needs-person')).toContainText('1');
});

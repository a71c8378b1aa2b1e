/**
 * Tracking, exceptions and buyer messages (issue 18), in Chromium against the web host and the
 * practice shop over real HTTP: a parcel the shop's journey leaves stuck shows in the exceptions
 * queue (F9) with its reason; a delay message is previewed in the buyer's language, queued while
 * the network is off, sent exactly once while the connection drops after the write (the shop's
 * admin log shows one), and shows in the order's history; a reship made offline puts a linked
 * replacement order in the pack queue.
 */
import { expect, test, type Page } from '@playwright/test';
import { admin, bootStation, prepareContext, resetFaults } from './outbox-support';

interface OrderView {
  id: string;
  status: string;
  trackingNumbers: string[];
  buyerMessage: string;
  recipient: { name: string };
}
interface TrackingHooks {
  __packbench?: {
    repos: {
      orders: {
        page(f: unknown, offset: number, limit: number): Promise<OrderView[]>;
        get(id: string): Promise<(OrderView & { replacementOf?: string }) | undefined>;
      };
    };
  };
}
interface SandboxMessage {
  orderId: string;
  text: string;
  idempotencyKey: string | null;
}

test.afterEach(async () => {
  await resetFaults();
});

/** A shipped order with tracking whose buyer wrote in Chinese (the practice data has some). */
async function pickShippedOrder(page: Page): Promise<OrderView> {
  const found = await page.evaluate(async () => {
    const hooks = (window as unknown as TrackingHooks).__packbench;
    if (!hooks) throw new Error('dev hooks missing');
    const rows = await hooks.repos.orders.page(
      { kind: 'status', status: 'AWAITING_COLLECTION' },
      0,
      1000,
    );
    const tracked = rows.filter((o) => o.trackingNumbers.length > 0);
    return tracked.find((o) => /\p{Script=Han}/u.test(o.buyerMessage)) ?? tracked[0] ?? null;
  });
  if (!found) throw new Error('no shipped practice order with tracking');
  return found;
}

test('stuck parcel → exceptions queue; delay message sent once through a flapping network; reship offline', async ({
  page,
  context,
}) => {
  test.setTimeout(90_000);
  await prepareContext(context);
  await context.addInitScript(
    `localStorage.setItem('packbench.dev.tracking', ${JSON.stringify(
      JSON.stringify({ tickMs: 3_600_000, ratePerSecond: 200, batch: 1000 }),
    )});`,
  );
  await bootStation(page);
  const order = await pickShippedOrder(page);
  const chinese = /\p{Script=Han}/u.test(order.buyerMessage);

  // The shop's journey for this parcel: picked up, one facility scan, then nothing for a week.
  await admin('POST', `/__admin/tracking/orders/${order.id}/journey`, {
    journey: 'stuck',
    shippedHoursAgo: 200,
  });

  // 1. The exceptions queue (F9), after a refresh, lists it with its reason.
  await page.keyboard.press('F9');
  await expect(page.getByTestId('exceptions-screen')).toBeVisible();
  await page.getByTestId('tracking-refresh').click();
  const row = page.locator(`[data-testid="exception-row"][data-order-id="${order.id}"]`);
  await expect(row).toBeVisible({ timeout: 45_000 });
  await expect(row).toHaveAttribute('data-reasons', /no-movement/);
  await expect(row).toContainText('No movement for 4 days');
  // The carrier's own words, as the shop sent them (English or Chinese wording).
  await expect(row).toContainText(/Arrived at regional facility|快件已到达/);
  await expect(page.getByTestId('exception-count')).toBeVisible();

  // 2. Contact the buyer: the preview is in the buyer's language, with the order's own data.
  await row.click();
  await expect(page.getByTestId('exception-detail')).toHaveAttribute('data-order-id', order.id);
  await page.getByTestId('action-contact').click();
  const preview = page.getByTestId('message-preview');
  await expect(page.getByTestId('message-language')).toHaveValue(chinese ? 'zh-CN' : 'en');
  await expect(preview).toContainText(order.id);
  await expect(preview).toContainText(chinese ? '新的预计送达时间' : 'The new estimate is');
  const text = (await preview.textContent()) ?? '';
  const shots = process.env.PACKBENCH_SCREENSHOTS;
  if (shots) await page.screenshot({ path: `${shots}/exceptions-composer.png` });

  // 3. Network off: queued. Back on, the connection drops right after the shop applied it.
  await admin('POST', '/__admin/faults', [
    {
      kind: 'drop-after-write',
      method: 'POST',
      path: '/customer_service/202309/conversations/',
      times: 1,
    },
  ]);
  await context.setOffline(true);
  await page.getByTestId('message-send').click();
  await expect(page.getByTestId('message-notice')).toContainText('Queued');
  await expect(page.getByTestId('message-log').locator('li').first()).toHaveAttribute(
    'data-state',
    /pending|inflight|verify/,
  );

  // 4. Reship while still offline: a linked replacement order in the pack queue.
  await page.getByTestId('action-reship').click();
  await page.getByTestId('action-input').fill('Stuck at the facility for a week');
  await page.getByTestId('action-save').click();
  const replacementId = `R${order.id}-1`;
  await expect(page.getByTestId('action-notice')).toContainText(replacementId);
  const replacement = await page.evaluate(
    (id) => (window as unknown as TrackingHooks).__packbench?.repos.orders.get(id),
    replacementId,
  );
  expect(replacement).toMatchObject({ status: 'AWAITING_SHIPMENT', replacementOf: order.id });

  await context.setOffline(false);
  await page.getByTestId('action-contact').click();
  await expect(page.getByTestId('message-log').locator('li').first()).toHaveAttribute(
    'data-state',
    'done',
    { timeout: 45_000 },
  );
  // The drop happened (the rule is used up), and the read-back found the message: one, not two.
  const faults = await admin<{ rules: unknown[] }>('GET', '/__admin/faults');
  expect(faults.rules).toEqual([]);
  const log = await admin<{ messages: SandboxMessage[] }>('GET', '/__admin/messages');
  const mine = log.messages.filter((m) => m.orderId === order.id);
  expect(mine).toHaveLength(1);
  expect(mine[0]?.text).toBe(text);

  if (shots) await page.screenshot({ path: `${shots}/exceptions-sent.png` });

  // 5. The order's history shows the message and the exception actions.
  await page.keyboard.press('F2');
  const search = page.getByRole('searchbox');
  await search.fill(order.id);
  await search.press('Enter');
  await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', order.id);
  const history = page.getByTestId('order-history');
  await expect(history).toContainText('Message to buyer queued');
  await expect(history).toContainText('Replacement shipment created');

  // The replacement is in the pack queue, found by its id like any order.
  await search.fill(replacementId);
  await search.press('Enter');
  await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', replacementId);

  // 6. Thresholds are editable per carrier and destination.
  await page.keyboard.press('F9');
  await page.getByTestId('tracking-thresholds').click();
  const panel = page.getByTestId('thresholds-panel');
  await panel.getByLabel('Carrier').fill('USPS');
  await panel.getByLabel('Destination').fill('gb');
  await panel.getByLabel('No movement for (days)').fill('2');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.locator('tbody tr').last()).toContainText('USPS');
  await expect(panel.locator('tbody tr').last()).toContainText('GB');
});

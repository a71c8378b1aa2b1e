/**
 * A scanner burst that reaches the page in pieces (keys delivered late, as on a loaded PC) is
 * never silently dropped and never counts an item: the packer gets "Scan not understood — scan
 * again" with what arrived. Keys go through CDP stamped with the time they were pressed; the
 * second piece is sent only after the page has visibly handled the first, so the silence timer
 * has fired mid-burst (no sleeps: the test waits on what the page shows).
 */
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { readStore } from '../support/practice-db';
import { sendScannerKeys } from '../support/scanner-keys';
import type { OrderRow } from '../../shared/domain/order';
import type { ProductRow, StockRow } from '../../shared/domain/product';

type Order = OrderRow;
type Product = ProductRow;
type Stock = StockRow;

async function start(page: Page): Promise<CDPSession> {
  await page.goto('/');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 60_000 });
  return page.context().newCDPSession(page);
}

/** A packable order whose first SKU carries a GTIN, with that product. */
async function packable(page: Page): Promise<{ order: Order; product: Product; gtin: string }> {
  const [orders, products, stock] = await Promise.all([
    readStore<Order>(page, 'orders'),
    readStore<Product>(page, 'products'),
    readStore<Stock>(page, 'stock'),
  ]);
  const byId = new Map(products.map((p) => [p.id, p]));
  const free = new Map(stock.map((s) => [s.skuId, s.onHand - s.reserved]));
  for (const o of orders) {
    if (o.status !== 'AWAITING_SHIPMENT' || o.flags.length > 0) continue;
    if (o.isOnHold || o.isBuyerRequestCancel) continue;
    if (!o.lines.every((l) => (free.get(l.skuId) ?? 0) >= 10)) continue;
    const product = byId.get(o.lines[0]?.skuId ?? '');
    const gtin = product?.barcodes.find((b) => /^\d{12,13}$/.test(b));
    if (product && gtin) return { order: o, product, gtin };
  }
  throw new Error('no packable practice order with a GTIN');
}

test('a burst delivered in two pieces alerts "scan not understood" with what arrived and counts nothing', async ({
  page,
}) => {
  const cdp = await start(page);
  const { order, product, gtin } = await packable(page);

  // Sign in by typing (typing in a text field still reaches the field), then open and confirm.
  await page.keyboard.press('F3');
  const field = page.getByRole('textbox', { name: 'Your name' });
  await expect(field).toBeFocused();
  await page.keyboard.type('Alice', { delay: 150 });
  await expect(field).toHaveValue('Alice');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pack-operator')).toContainText('Alice');
  await sendScannerKeys(cdp, order.id);
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute('data-order-id', order.id);
  await page.getByRole('button', { name: 'Confirm and start packing' }).click();
  await expect(page.getByTestId('checklist')).toBeVisible();

  const row = page.locator(`[data-testid="checklist"] tr[data-sku="${product.sellerSku}"]`);
  const feedback = page.getByTestId('pack-feedback');
  const feedbackCode = feedback.locator('.pack-feedback-code');
  const notice = page.locator('.scanner-notice');
  await expect(row).toHaveAttribute('data-counted', '0');

  // 1. A no-suffix scanner, cut after 6 characters: the first piece was long enough to be taken
  // as a scan (an unknown barcode); the rest arrives late and the whole burst is reported.
  await sendScannerKeys(cdp, gtin, {
    suffix: 'none',
    late: {
      afterChars: 6,
      between: () => expect(feedbackCode).toHaveText(gtin.slice(0, 6)),
    },
  });
  await expect(feedback).toHaveAttribute('data-event', 'scan-fragment');
  await expect(feedback).toHaveAttribute('data-tone', 'error');
  await expect(feedback).toHaveAttribute('role', 'alert');
  await expect(feedback).toContainText('Scan not understood — scan again');
  await expect(feedbackCode).toHaveText(gtin);
  await expect(notice).toHaveAttribute('data-kind', 'fragment');
  await expect(notice).toContainText(gtin);
  await expect(row).toHaveAttribute('data-counted', '0');

  // 2. With an Enter suffix, cut after 2 characters: too short to be a barcode, yet not lost.
  await sendScannerKeys(cdp, gtin, {
    late: {
      afterChars: 2,
      between: () => expect(feedbackCode).toHaveText(gtin.slice(0, 2)),
    },
  });
  await expect(feedbackCode).toHaveText(gtin);
  await expect(feedback).toHaveAttribute('data-event', 'scan-fragment');
  await expect(row).toHaveAttribute('data-counted', '0');

  // 3. Scanned again in one piece: counted once, as always.
  await sendScannerKeys(cdp, gtin);
  await expect(row).toHaveAttribute('data-counted', '1');
  await expect(feedback).toHaveAttribute('data-sound', 'success');
});

test('on the queue, a fragment too short to be a barcode is shown, not dropped', async ({
  page,
}) => {
  const cdp = await start(page);
  await sendScannerKeys(cdp, '40', { suffix: 'none' });
  const notice = page.locator('.scanner-notice');
  await expect(notice).toHaveAttribute('data-kind', 'fragment');
  await expect(notice).toContainText('Received: 40');
  // Typing into the search box still types, at a person's pace.
  const search = page.getByRole('searchbox');
  await search.click();
  await page.keyboard.type('40', { delay: 150 });
  await expect(search).toHaveValue('40');
});

/**
 * The label step in the pack flow, browser mode (PDF): the scan that completes a pack hands a
 * label job over (a `labels` row in state `sent`, the print route opened in a new window); that
 * route rendered to PDF and rasterised at 203 dpi decodes to the tracking number and the order
 * id; scanning the label on the parcel verifies it, and another order's label raises the wrong-
 * label alert and is not verified. Keys go through CDP as a wedge scanner sends them: 2 ms apart,
 * each stamped with its press time, then Enter (tests/support/scanner-keys).
 */
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { decodePdfBarcodes } from '../support/pdf-barcodes';
import { readStore } from '../support/practice-db';
import { sendScannerKeys } from '../support/scanner-keys';
import type { OrderRow } from '../../shared/domain/order';
import type { ProductRow, StockRow } from '../../shared/domain/product';

type Order = OrderRow;
type Product = ProductRow;
type Stock = StockRow;

interface LabelRow {
  id: string;
  orderId: string;
  state: string;
  route?: string;
  output?: string;
  printedBy: string;
  trackingNumber: string;
  verifiedAt?: number;
  verifiedBy?: string;
}
interface AuditRow {
  kind: string;
  orderId: string;
  actor: string;
  detail: Record<string, unknown>;
}

/** Gives an order a tracking number, as the station has once a seller-shipped label is bought. */
async function setTracking(page: Page, id: string, tracking: string) {
  await page.evaluate(
    async ({ id, tracking }) => {
      type Row = {
        packages: Array<{ trackingNumber: string; shippingProviderName: string }>;
        trackingNumbers: string[];
      };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('packbench-practice');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(new Error(String(r.error)));
      });
      const tx = db.transaction('orders', 'readwrite');
      const store = tx.objectStore('orders');
      const row = await new Promise<Row>((resolve, reject) => {
        const req = store.get(id);
        req.onsuccess = () => resolve(req.result as Row);
        req.onerror = () => reject(new Error(String(req.error)));
      });
      row.packages = row.packages.map((p) => ({
        ...p,
        trackingNumber: tracking,
        shippingProviderName: 'USPS',
      }));
      row.trackingNumbers = [tracking];
      store.put(row);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error(String(tx.error)));
      });
      db.close();
    },
    { id, tracking },
  );
}

/** Seller-shipped, packable orders (the label step prints the station's own waybill for them). */
function packableSellerOrders(orders: Order[], stock: Stock[], n: number): Order[] {
  const free = new Map(stock.map((s) => [s.skuId, s.onHand - s.reserved]));
  const picked: Order[] = [];
  for (const o of orders) {
    if (o.status !== 'AWAITING_SHIPMENT' || o.shippingType !== 'SELLER') continue;
    if (o.flags.length > 0 || o.isOnHold || o.isBuyerRequestCancel) continue;
    if (o.lines.length < 1 || o.lines.length > 3) continue;
    const units = new Map<string, number>();
    for (const l of o.lines) units.set(l.skuId, (units.get(l.skuId) ?? 0) + 1);
    if (![...units].every(([sku, q]) => (free.get(sku) ?? 0) >= q + 5)) continue;
    for (const [sku, q] of units) free.set(sku, (free.get(sku) ?? 0) - q);
    picked.push(o);
    if (picked.length === n) return picked;
  }
  throw new Error('not enough packable seller-shipped practice orders');
}

async function packByScans(
  page: Page,
  cdp: CDPSession,
  order: Order,
  products: Map<string, Product>,
) {
  await sendScannerKeys(cdp, order.id);
  await expect(page.getByTestId('confirm-panel')).toBeVisible();
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute('data-order-id', order.id);
  await page.getByRole('button', { name: 'Confirm and start packing' }).click();
  await expect(page.getByTestId('checklist')).toBeVisible();
  let previous = '';
  for (const line of order.lines) {
    const p = products.get(line.skuId);
    const code = p?.barcodes.find((b) => /^\d{12,13}$/.test(b)) ?? p?.sellerSku ?? '';
    // The same code twice within 150 ms is one double read: wait as a packer would.
    if (code === previous) await page.waitForTimeout(200);
    previous = code;
    await sendScannerKeys(cdp, code);
  }
  await expect(page.getByTestId('seal-banner')).toHaveAttribute('data-state', 'completed');
}

async function labelsOf(page: Page, orderId: string): Promise<LabelRow[]> {
  return (await readStore<LabelRow>(page, 'labels')).filter((l) => l.orderId === orderId);
}

test('the last scan hands a label over; it decodes at 203 dpi, and scans verify it or alarm', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 90_000 });
  const cdp = await context.newCDPSession(page);
  const orders = await readStore<Order>(page, 'orders');
  const products = new Map((await readStore<Product>(page, 'products')).map((p) => [p.id, p]));
  const [first, second] = packableSellerOrders(orders, await readStore<Stock>(page, 'stock'), 2);
  if (!first || !second) throw new Error('unreachable');
  const trackingA = `JT${first.id.slice(-11)}US`;
  await setTracking(page, first.id, trackingA);

  // Sign in as a packer types.
  await page.keyboard.press('F3');
  const name = page.getByRole('textbox', { name: 'Your name' });
  await expect(name).toBeFocused();
  await page.keyboard.type('Alice', { delay: 150 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pack-operator')).toContainText('Alice');

  // Order 1: the last scan completes the pack and opens the label page in a new window.
  const popup = context.waitForEvent('page', { timeout: 30_000 });
  await packByScans(page, cdp, first, products);
  const labelWindow = await popup;
  await expect
    .poll(async () => (await labelsOf(page, first.id)).map((l) => l.state), { timeout: 15_000 })
    .toEqual(['sent']);
  const [job] = await labelsOf(page, first.id);
  expect(job).toMatchObject({ output: 'pdf', printedBy: 'Alice', trackingNumber: trackingA });
  expect(job?.route).toBe(`/print/label/${first.id}?size=4x6&dpi=203`);
  expect(new URL(labelWindow.url()).pathname + new URL(labelWindow.url()).search).toBe(job?.route);
  await expect(page.getByTestId('label-step')).toHaveAttribute('data-state', 'sent');
  await expect(page.getByTestId('label-scan-prompt')).toContainText(trackingA);
  await labelWindow.close();

  // That job's route, rendered to PDF and rasterised at the printer's 203 dpi, decodes exactly.
  const render = await context.newPage();
  await render.goto(job?.route ?? '');
  await render.waitForSelector('body[data-print-ready="true"], body[data-print-error]');
  expect(await render.locator('body').getAttribute('data-print-error')).toBeNull();
  const pdf = await render.pdf({ preferCSSPageSize: true, printBackground: true });
  await render.close();
  const decoded = await decodePdfBarcodes(pdf, 203);
  try {
    expect(decoded.decoded).toHaveLength(1);
    expect([...(decoded.decoded[0] ?? [])].sort()).toEqual([first.id, trackingA].sort());
  } finally {
    await decoded.cleanup();
  }

  // The packer scans the label on the parcel: verified, recorded, success.
  await page.bringToFront();
  await sendScannerKeys(cdp, trackingA);
  await expect(page.getByTestId('label-step')).toHaveAttribute('data-verified', 'true');
  await expect(page.getByTestId('label-verified')).toBeVisible();
  const verified = (await labelsOf(page, first.id))[0];
  expect(verified).toMatchObject({ state: 'confirmed', verifiedBy: 'Alice' });
  expect(typeof verified?.verifiedAt).toBe('number');

  // Order 2 (opened by scanning its id once order 1 is verified), packed by scans.
  const popup2 = context.waitForEvent('page', { timeout: 30_000 });
  await packByScans(page, cdp, second, products);
  await (await popup2).close();
  await expect
    .poll(async () => (await labelsOf(page, second.id)).map((l) => l.state), { timeout: 15_000 })
    .toEqual(['sent']);

  // Order 1's label on order 2's parcel: the wrong-label alert with both ids, not verified.
  await sendScannerKeys(cdp, trackingA);
  const alert = page.getByTestId('wrong-label-alert');
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('WRONG LABEL ON PARCEL');
  await expect(alert).toHaveAttribute('data-parcel-order', second.id);
  await expect(alert).toHaveAttribute('data-label-order', first.id);
  await expect(alert).toContainText(second.id);
  await expect(alert).toContainText(first.id);
  await expect(page.getByTestId('label-step')).toHaveAttribute('data-verified', 'false');
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute('data-order-id', second.id);
  expect((await labelsOf(page, second.id))[0]?.verifiedAt).toBeUndefined();
  const audit = await readStore<AuditRow>(page, 'audit');
  expect(audit.filter((a) => a.kind === 'label.wrong-label' && a.orderId === second.id)).toEqual([
    expect.objectContaining({
      actor: 'Alice',
      detail: expect.objectContaining({ labelOf: first.id, parcelOf: second.id }),
    }),
  ]);
  expect(audit.some((a) => a.kind === 'label.verified' && a.orderId === first.id)).toBe(true);

  // Order 2's own label (no tracking: its order id barcode) then verifies it.
  await sendScannerKeys(cdp, second.id);
  await expect(page.getByTestId('label-step')).toHaveAttribute('data-verified', 'true');
  await expect(page.getByTestId('wrong-label-alert')).toHaveCount(0);
});

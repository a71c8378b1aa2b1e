/**
 * Pack flow e2e, driven only by keyboard events as a keyboard-wedge scanner sends them: key
 * events go through CDP `Input.dispatchKeyEvent` (tests/support/scanner-keys), paced by the event
 * times from the shared scanner emulator, so a 2 ms/char burst arrives 2 ms apart. Orders and
 * barcodes come from the practice database.
 */
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { readStore } from '../support/practice-db';
import { sendScannerKeys } from '../support/scanner-keys';
import type { OrderRow } from '../../shared/domain/order';
import type { ProductRow, StockRow } from '../../shared/domain/product';

type Order = OrderRow;
type Product = ProductRow;
type Stock = StockRow;

interface PracticeData {
  orders: Order[];
  products: Product[];
  stock: Stock[];
}

async function practiceData(page: Page): Promise<PracticeData> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(String(r.error)));
    });
    const all = <T>(store: string) =>
      new Promise<T[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as T[]);
        req.onerror = () => reject(new Error(String(req.error)));
      });
    const out = {
      orders: await all('orders'),
      products: await all('products'),
      stock: await all('stock'),
    };
    db.close();
    return out as PracticeData;
  });
}

function unitsBySku(order: Order): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of order.lines) m.set(l.skuId, (m.get(l.skuId) ?? 0) + 1);
  return m;
}

/** A packable order (no stop reasons) with at least `skus` SKUs and `units` units. */
function packableOrder(data: PracticeData, skus: number, units: number): Order {
  const stock = new Map(data.stock.map((s) => [s.skuId, s]));
  const found = data.orders.find((o) => {
    if (o.status !== 'AWAITING_SHIPMENT' || o.flags.length > 0) return false;
    if (o.isOnHold || o.isBuyerRequestCancel) return false;
    const u = unitsBySku(o);
    if (u.size < skus || o.lines.length < units) return false;
    return [...u].every(
      ([sku, n]) => (stock.get(sku)?.onHand ?? 0) - (stock.get(sku)?.reserved ?? 0) >= n + 5,
    );
  });
  if (!found) throw new Error('no packable practice order');
  return found;
}

const gtinOf = (p: Product | undefined) => p?.barcodes.find((b) => /^\d{12,13}$/.test(b));

/**
 * The same code twice within 150 ms is one double read, not two units (classifier `dedupeMs`):
 * a packer re-scanning the same item is always slower than that.
 */
const doubleReadWindow = (page: Page) => page.waitForTimeout(200);

const checkRow = (page: Page, sellerSku: string) =>
  page.locator(`[data-testid="checklist"] tr[data-sku="${sellerSku}"]`);
const feedback = (page: Page) => page.getByTestId('pack-feedback');

async function start(page: Page): Promise<{ cdp: CDPSession; data: PracticeData }> {
  await page.goto('/');
  // First start seeds the practice shop: generous on a shared 2-core machine.
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 60_000 });
  const cdp = await page.context().newCDPSession(page);
  return { cdp, data: await practiceData(page) };
}

/** Signs in by typing a name as a person does (150 ms/key): typing must reach the field. */
async function signIn(page: Page, name = 'Alice') {
  await page.keyboard.press('F3');
  const field = page.getByRole('textbox', { name: 'Your name' });
  await expect(field).toBeFocused();
  await page.keyboard.type(name, { delay: 150 });
  await expect(field).toHaveValue(name);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pack-operator')).toContainText(name);
}

async function openAndConfirm(page: Page, cdp: CDPSession, order: Order) {
  await sendScannerKeys(cdp, order.id);
  await expect(page.getByTestId('confirm-panel')).toBeVisible();
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute('data-order-id', order.id);
  await page.getByRole('button', { name: 'Confirm and start packing' }).click();
  await expect(page.getByTestId('checklist')).toBeVisible();
}

/** Opens the order on the Orders screen (F2, search by id) and returns its history section. */
async function openHistory(page: Page, orderId: string) {
  await page.keyboard.press('F2');
  const search = page.getByRole('searchbox');
  await search.fill(orderId);
  await search.press('Enter');
  await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', orderId);
  return page.getByTestId('order-history');
}

test('a multi-SKU order is packed by scans alone, and the last scan completes it', async ({
  page,
}) => {
  const { cdp, data } = await start(page);
  const order = packableOrder(data, 2, 3);
  const products = new Map(data.products.map((p) => [p.id, p]));
  await signIn(page);
  await openAndConfirm(page, cdp, order);

  const units = [...unitsBySku(order)];
  let scanned = 0;
  let previous: string | undefined;
  for (const [i, [skuId, qty]] of units.entries()) {
    const product = products.get(skuId);
    for (let n = 1; n <= qty; n += 1) {
      // Alternate the GTIN and the seller SKU label: both identify the item.
      const code = (i + n) % 2 === 0 ? (gtinOf(product) ?? product?.sellerSku) : product?.sellerSku;
      if (code === previous) await doubleReadWindow(page);
      previous = code;
      await sendScannerKeys(cdp, code ?? '');
      scanned += 1;
      await expect(checkRow(page, product?.sellerSku ?? '')).toHaveAttribute(
        'data-counted',
        String(n),
      );
      if (scanned < order.lines.length) {
        await expect(feedback(page)).toHaveAttribute('data-sound', 'success');
      }
    }
  }
  await expect(feedback(page)).toHaveAttribute('data-event', 'complete');
  await expect(feedback(page)).toHaveAttribute('data-sound', 'complete');
  await expect(page.getByTestId('seal-banner')).toHaveAttribute('data-state', 'completed');

  const sessions = await readStore<{
    orderId: string;
    status: string;
    packer: string;
    station: string;
  }>(page, 'packSessions');
  expect(sessions.filter((s) => s.orderId === order.id).map((s) => s.status)).toEqual([
    'completed',
  ]);
  expect(sessions.find((s) => s.orderId === order.id)?.packer).toBe('Alice');
  const scans = await readStore<{
    orderId: string;
    outcome: string;
    packer: string;
    station: string;
  }>(page, 'scanEvents');
  const ours = scans.filter((s) => s.orderId === order.id);
  expect(ours).toHaveLength(order.lines.length);
  expect(ours.every((s) => s.packer === 'Alice' && s.station.length > 0)).toBe(true);
  const audit = await readStore<{ orderId: string; kind: string }>(page, 'audit');
  expect(audit.filter((a) => a.orderId === order.id).map((a) => a.kind)).toEqual(
    expect.arrayContaining(['order.confirmed', 'pack.started', 'pack.completed']),
  );
  // The order's history shows what was recorded: who confirmed it, every scan, the pack.
  const history = await openHistory(page, order.id);
  await expect(history.locator('tr[data-kind="order.confirmed"]')).toContainText('Confirmed');
  await expect(history.locator('tr[data-kind="order.confirmed"]')).toContainText('Alice');
  await expect(history.locator('tr[data-kind="pack.completed"]')).toContainText('Packed');
  await expect(history.locator('tr[data-kind^="scan."]')).toHaveCount(order.lines.length);
  await expect(history.locator('tr[data-kind="scan.complete"]')).toHaveCount(1);

  const stock = await readStore<Stock>(page, 'stock');
  for (const [skuId, qty] of units) {
    const before = data.stock.find((s) => s.skuId === skuId);
    const after = stock.find((s) => s.skuId === skuId);
    expect(after?.onHand).toBe((before?.onHand ?? 0) - qty);
    expect(after?.reserved).toBe(before?.reserved ?? 0);
  }
});

test('a wrong item, an over-scan and an unknown barcode each alert loudly and never count', async ({
  page,
}) => {
  const { cdp, data } = await start(page);
  const order = packableOrder(data, 2, 2);
  const products = new Map(data.products.map((p) => [p.id, p]));
  const [[firstSku, firstQty] = ['', 0]] = [...unitsBySku(order)];
  const first = products.get(firstSku);
  const inOrder = new Set(order.lines.map((l) => l.skuId));
  const stranger = data.products.find((p) => !inOrder.has(p.id) && gtinOf(p));
  await signIn(page);
  await openAndConfirm(page, cdp, order);

  const row = checkRow(page, first?.sellerSku ?? '');
  for (let n = 1; n <= firstQty; n += 1) {
    await sendScannerKeys(cdp, first?.sellerSku ?? '');
    await expect(row).toHaveAttribute('data-counted', String(n));
    await doubleReadWindow(page);
  }
  const total = await page.getByTestId('checklist-total').textContent();

  const cases: Array<[string, string, RegExp]> = [
    ['over-scan', first?.sellerSku ?? '', /Too many!/],
    ['wrong-item', gtinOf(stranger) ?? '', /Wrong item!/],
    ['unknown-barcode', '4006381333931', /Unknown barcode 4006381333931/],
  ];
  for (const [event, code, text] of cases) {
    await sendScannerKeys(cdp, code);
    await expect(feedback(page)).toHaveAttribute('data-event', event);
    await expect(feedback(page)).toHaveAttribute('data-sound', 'error');
    await expect(feedback(page)).toHaveAttribute('data-tone', 'error');
    await expect(feedback(page)).toContainText(text);
    await expect(row).toHaveAttribute('data-counted', String(firstQty));
    await expect(page.getByTestId('checklist-total')).toHaveText(total ?? '');
    await expect(
      page.locator(`[data-testid="alerts-panel"] li[data-kind="${event}"]`),
    ).toBeVisible();
  }

  // A scan while a dialog is open never touches the order behind it.
  await page.getByRole('button', { name: 'Recount' }).click();
  await expect(page.getByTestId('recount-dialog')).toBeVisible();
  const second = [...unitsBySku(order)][1]?.[0] ?? '';
  const secondSku = products.get(second)?.sellerSku ?? '';
  await sendScannerKeys(cdp, secondSku);
  await expect(page.locator('.scanner-notice')).toContainText('Scan ignored');
  await expect(checkRow(page, secondSku)).toHaveAttribute('data-counted', '0');
  await page.getByRole('button', { name: 'Cancel' }).click();

  // Taking the items out clears the alerts; nothing was counted meanwhile.
  await page.getByRole('button', { name: 'All taken out' }).click();
  await expect(page.getByTestId('alerts-panel')).toHaveCount(0);
  // The order's history lists each alert with what was scanned, in the error colour.
  const history = await openHistory(page, order.id);
  // The pack screen's "scan ignored" notice stayed there: the Orders screen shows none.
  await expect(page.locator('.scanner-notice')).toHaveCount(0);
  for (const [event, code] of cases) {
    const entry = history.locator(`tr[data-kind="scan.${event}"]`);
    await expect(entry).toHaveClass(/history-row--error/);
    await expect(entry).toContainText(code);
  }

  const events = await readStore<{ orderId: string; outcome: string }>(page, 'scanEvents');
  // Stored by random id: compare as a multiset.
  expect(
    events
      .filter((e) => e.orderId === order.id)
      .map((e) => e.outcome)
      .sort(),
  ).toEqual(
    [
      ...Array.from({ length: firstQty }, () =>
        firstQty === order.lines.length ? 'complete' : 'ticked',
      ),
      'over-scan',
      'wrong-item',
      'unknown-barcode',
    ].sort(),
  );
});

test('a scanner that sends no Enter still ticks the checklist', async ({ page }) => {
  const { cdp, data } = await start(page);
  const order = packableOrder(data, 2, 2);
  const products = new Map(data.products.map((p) => [p.id, p]));
  await signIn(page);
  await openAndConfirm(page, cdp, order);
  const [skuId] = [...unitsBySku(order)][0] ?? [''];
  const product = products.get(skuId);
  await sendScannerKeys(cdp, gtinOf(product) ?? product?.sellerSku ?? '', { suffix: 'none' });
  await expect(checkRow(page, product?.sellerSku ?? '')).toHaveAttribute('data-counted', '1');
  await expect(feedback(page)).toHaveAttribute('data-sound', 'success');
});

test('a 30-character burst at 2 ms per character arrives whole on the self-test page', async ({
  page,
}) => {
  const { cdp } = await start(page);
  await page.keyboard.press('F8');
  await expect(page.getByTestId('scanner-screen')).toBeVisible();
  const code = 'PB-TEE-01/ABCdef0123456789+XYZ';
  expect(code).toHaveLength(30);
  await sendScannerKeys(cdp, code, { gapMs: 2 });
  await expect(page.getByTestId('scanner-text')).toHaveText(code);
  await expect(page.getByTestId('scanner-length')).toHaveText('30');
  await expect(page.getByTestId('scanner-lost')).toHaveText('0');
  await expect(page.getByTestId('scanner-terminator')).toHaveAttribute('data-terminator', 'enter');
  // Report (never assert) the spacing the page saw, so a run shows the burst was really fast.
  const gaps = await page
    .locator('[data-testid="scanner-keys"] tbody tr td:nth-child(4)')
    .allTextContents();
  test.info().annotations.push({ type: 'observed gaps (ms)', description: gaps.join(' ') });

  // No suffix: the self-test says so.
  await sendScannerKeys(cdp, '4006381333931', { suffix: 'none' });
  await expect(page.getByTestId('scanner-terminator')).toHaveAttribute('data-terminator', 'idle');
  await expect(page.locator('.scanner-recs li[data-code="no-suffix"]')).toBeVisible();
});

test('typing in the search box is not taken as a scan; a scan there opens the order', async ({
  page,
}) => {
  const { cdp, data } = await start(page);
  const order = packableOrder(data, 1, 1);
  const search = page.getByRole('searchbox');
  await search.click();
  await page.keyboard.type(order.id, { delay: 120 });
  await expect(search).toHaveValue(order.id);
  await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', order.id);
  await expect(page.getByTestId('pack-screen')).toHaveCount(0);

  // The same text from a scanner is a scan: it opens the order and never lands in the box.
  await search.fill('');
  await search.click();
  const other = data.orders.find((o) => o.id !== order.id && o.status === 'AWAITING_SHIPMENT');
  await sendScannerKeys(cdp, other?.id ?? '');
  await expect(page.getByTestId('pack-screen')).toBeVisible();
  await page.keyboard.press('F2');
  await expect(search).toHaveValue('');
});

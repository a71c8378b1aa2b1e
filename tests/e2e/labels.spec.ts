/**
 * Waybill labels and packing slips through their print routes, rendered to PDF by Chromium as the
 * station does in browser mode. Readability is proven the way a carrier would: rasterise at the
 * printer's resolution (203 or 300 dpi) and decode with zbarimg.
 */
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { LABEL_PAGE, SLIP_PAGE } from '../../shared/logic/label-layout/print-route';
import { decodePdfBarcodes } from '../support/pdf-barcodes';

interface Picked {
  id: string;
  fullAddress: string;
  regionCode: string;
  tracking: string;
}

interface OrderPatch {
  tracking?: string;
  carrier?: string;
  name?: string;
  fullAddress?: string;
  buyerMessage?: string;
}

let context: BrowserContext;
let page: Page;

/** Writes to the order row through raw IndexedDB, as the station does after shipping. */
async function patchOrder(id: string, patch: OrderPatch) {
  await page.evaluate(
    async ({ id, patch }) => {
      type Row = {
        packages: Array<{ trackingNumber: string; shippingProviderName: string }>;
        trackingNumbers: string[];
        recipient: { name: string; fullAddress: string };
        buyerMessage: string;
      };
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('packbench-practice');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
      });
      const tx = db.transaction('orders', 'readwrite');
      const store = tx.objectStore('orders');
      const row = await new Promise<Row>((resolve, reject) => {
        const req = store.get(id);
        req.onsuccess = () => resolve(req.result as Row);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
      if (patch.tracking !== undefined) {
        const tn = patch.tracking;
        row.packages = row.packages.map((p) => ({
          ...p,
          trackingNumber: tn,
          shippingProviderName: patch.carrier ?? p.shippingProviderName,
        }));
        row.trackingNumbers = tn ? [tn] : [];
      }
      if (patch.name !== undefined) row.recipient.name = patch.name;
      if (patch.fullAddress !== undefined) row.recipient.fullAddress = patch.fullAddress;
      if (patch.buyerMessage !== undefined) row.buyerMessage = patch.buyerMessage;
      store.put(row);
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('IndexedDB request failed'));
      });
      db.close();
    },
    { id, patch },
  );
}

/** Orders with a long address in `region` (and a recipient address at all), longest first. */
async function longAddressOrders(region: string, script: 'cjk' | 'arabic'): Promise<Picked[]> {
  const found = await page.evaluate(
    async ({ region, script }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('packbench-practice');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
      });
      type Row = { id: string; recipient: { fullAddress: string; regionCode: string } };
      const all = await new Promise<Row[]>((resolve, reject) => {
        const req = db.transaction('orders').objectStore('orders').getAll();
        req.onsuccess = () => resolve(req.result as Row[]);
        req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
      });
      db.close();
      const re = script === 'cjk' ? /[\u4e00-\u9fff]/ : /[\u0600-\u06ff]/;
      return all
        .filter((o) => o.recipient.regionCode === region && re.test(o.recipient.fullAddress))
        .filter((o) => o.recipient.fullAddress.length > 100)
        .sort((a, b) => b.recipient.fullAddress.length - a.recipient.fullAddress.length)
        .map((o) => ({ id: o.id, fullAddress: o.recipient.fullAddress, regionCode: region }));
    },
    { region, script },
  );
  // A tracking number the way carriers issue them: letters and digits, unique per order.
  return found.map((o) => ({ ...o, tracking: `JT${o.id.slice(-11)}${o.regionCode}` }));
}

async function openRoute(path: string) {
  await page.goto(path);
  await page.waitForSelector('body[data-print-ready="true"], body[data-print-error]');
  expect(await page.locator('body').getAttribute('data-print-error')).toBeNull();
}

/** Every text box shows all of its text: nothing overflows its box, its band or its page. */
async function expectNothingClipped(minBoxes = 6) {
  const boxes = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-text-box]')].map((el) => {
      const r = el.getBoundingClientRect();
      const band = (el.closest('.wb-band, .pb-page') as HTMLElement).getBoundingClientRect();
      const pageRect = (el.closest('.pb-page') as HTMLElement).getBoundingClientRect();
      const inside = (o: DOMRect) =>
        r.left >= o.left - 0.5 &&
        r.right <= o.right + 0.5 &&
        r.top >= o.top - 0.5 &&
        r.bottom <= o.bottom + 0.5;
      return {
        name: el.dataset.textBox ?? '',
        fits: el.dataset.fits ?? '',
        overflowY: el.scrollHeight - el.clientHeight,
        overflowX: el.scrollWidth - el.clientWidth,
        inBand: inside(band),
        inPage: inside(pageRect),
      };
    }),
  );
  expect(boxes.length).toBeGreaterThanOrEqual(minBoxes);
  for (const b of boxes) {
    expect(b, b.name).toMatchObject({ fits: 'true', inBand: true, inPage: true });
    expect(b.overflowY, `${b.name} overflows vertically`).toBeLessThanOrEqual(0.5);
    expect(b.overflowX, `${b.name} overflows horizontally`).toBeLessThanOrEqual(0.5);
  }
}

function expectPageMm(
  actual: { widthMm: number; heightMm: number },
  want: { widthMm: number; heightMm: number },
) {
  expect(Math.abs(actual.widthMm - want.widthMm)).toBeLessThanOrEqual(0.5);
  expect(Math.abs(actual.heightMm - want.heightMm)).toBeLessThanOrEqual(0.5);
}

test.describe.serial('labels and slips', () => {
  let cjk: Picked[];
  let arabic: Picked[];

  test.beforeAll(async ({ browser }) => {
    context = await browser.newContext();
    page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({
      timeout: 60_000,
    });
    cjk = await longAddressOrders('MY', 'cjk');
    arabic = await longAddressOrders('SA', 'arabic');
    for (const o of [...cjk.slice(0, 2), ...arabic.slice(0, 2)]) {
      await patchOrder(o.id, { tracking: o.tracking, carrier: 'J&T Express' });
    }
  });

  test.afterAll(async () => {
    await context.close();
  });

  test('long CJK and Arabic addresses: 4x6 PDF at 203 dpi decodes to exactly tracking + order id', async () => {
    expect(cjk.length, 'practice data has long CJK addresses').toBeGreaterThanOrEqual(2);
    expect(arabic.length, 'practice data has long Arabic addresses').toBeGreaterThanOrEqual(2);
    for (const o of [...cjk.slice(0, 2), ...arabic.slice(0, 2)]) {
      await openRoute(`/print/label/${o.id}?size=4x6&dpi=203`);
      const address = page.locator('[data-text-box="address"]');
      await expect(address).toHaveAttribute('data-fits', 'true');
      await expect(address.locator('[data-field="address"]')).toHaveText(o.fullAddress);
      await expect(address.locator('[data-field="address"]')).toHaveAttribute('dir', 'auto');
      await expectNothingClipped();
      // Module width is a whole number of printer dots.
      const moduleDots = await page
        .locator('svg[data-role="tracking"]')
        .getAttribute('data-module-dots');
      expect(Number.isInteger(Number(moduleDots))).toBe(true);

      const pdf = await page.pdf({
        width: '4in',
        height: '6in',
        printBackground: true,
        preferCSSPageSize: true,
      });
      const scan = await decodePdfBarcodes(pdf, 203);
      try {
        expect(scan.pages).toHaveLength(1);
        expectPageMm(scan.pages[0] ?? { widthMm: 0, heightMm: 0 }, LABEL_PAGE['4x6']);
        expect([...(scan.decoded[0] ?? [])].sort()).toEqual([o.id, o.tracking].sort());
      } finally {
        await scan.cleanup();
      }
    }
  });

  test('A6 at 300 dpi: page size and both barcodes', async () => {
    const o = arabic[0];
    if (!o) throw new Error('no Arabic order');
    await openRoute(`/print/label/${o.id}?size=a6&dpi=300`);
    await expectNothingClipped();
    const pdf = await page.pdf({
      width: '105mm',
      height: '148mm',
      printBackground: true,
      preferCSSPageSize: true,
    });
    const scan = await decodePdfBarcodes(pdf, 300);
    try {
      expectPageMm(scan.pages[0] ?? { widthMm: 0, heightMm: 0 }, LABEL_PAGE.a6);
      expect([...(scan.decoded[0] ?? [])].sort()).toEqual([o.id, o.tracking].sort());
    } finally {
      await scan.cleanup();
    }
  });

  test('an address far too long for the box shrinks until it fits instead of being cut', async () => {
    const o = cjk[1];
    if (!o) throw new Error('no CJK order');
    const huge = [o.fullAddress, o.fullAddress, o.fullAddress].join('；');
    await patchOrder(o.id, { fullAddress: huge });
    await openRoute(`/print/label/${o.id}?size=4x6&dpi=203`);
    const address = page.locator('[data-text-box="address"]');
    await expect(address.locator('[data-field="address"]')).toHaveText(huge);
    const fitPt = Number(await address.getAttribute('data-fit-pt'));
    expect(fitPt).toBeLessThan(13); // below the box's largest size: it did shrink
    await expectNothingClipped();
    const scan = await decodePdfBarcodes(
      await page.pdf({ preferCSSPageSize: true, printBackground: true }),
      203,
    );
    try {
      expect([...(scan.decoded[0] ?? [])].sort()).toEqual([o.id, o.tracking].sort());
    } finally {
      await scan.cleanup();
    }
  });

  test('without a tracking number the label says so and carries only the order barcode', async () => {
    const o = cjk[2] ?? arabic[2];
    if (!o) throw new Error('no third order');
    await patchOrder(o.id, { tracking: '' });
    await openRoute(`/print/label/${o.id}?size=4x6&dpi=203`);
    await expect(page.locator('[data-no-tracking="true"]')).toContainText('NO TRACKING NUMBER YET');
    await expect(page.locator('svg[data-role="tracking"]')).toHaveCount(0);
    const scan = await decodePdfBarcodes(
      await page.pdf({ preferCSSPageSize: true, printBackground: true }),
      203,
    );
    try {
      expect(scan.decoded[0]).toEqual([o.id]);
    } finally {
      await scan.cleanup();
    }
  });

  test('practice labels carry the watermark; the barcode bands stay opaque white over it', async () => {
    const o = cjk[0];
    if (!o) throw new Error('no CJK order');
    await openRoute(`/print/label/${o.id}?size=4x6&dpi=203`);
    await expect(page.locator('[data-watermark="practice"]')).toContainText('PRACTICE');
    await expect(page.locator('section[data-doc="label"]')).toHaveAttribute(
      'data-practice',
      'true',
    );
    for (const band of ['.wb-tracking', '.wb-order']) {
      await expect(page.locator(band)).toHaveCSS('background-color', 'rgb(255, 255, 255)');
    }
  });

  test('packing slips render in A6 and A4 with the items of the order', async () => {
    const o = arabic[0];
    if (!o) throw new Error('no Arabic order');
    for (const size of ['a6', 'a4'] as const) {
      await openRoute(`/print/slip/${o.id}?size=${size}`);
      const slip = page.locator('section[data-doc="slip"]');
      await expect(slip).toHaveAttribute('data-order-id', o.id);
      await expect(slip.locator('[data-field="order-id"]')).toContainText(o.id);
      await expect(slip.locator('[data-field="address"]')).toHaveText(o.fullAddress);
      expect(await slip.locator('tbody tr').count()).toBeGreaterThan(0);
      await expectNothingClipped(1);
      const scan = await decodePdfBarcodes(
        await page.pdf({ preferCSSPageSize: true, printBackground: true }),
        100,
      );
      try {
        expect(scan.pages).toHaveLength(1);
        expectPageMm(scan.pages[0] ?? { widthMm: 0, heightMm: 0 }, SLIP_PAGE[size]);
      } finally {
        await scan.cleanup();
      }
    }
  });

  test('customer text is text: markup in a name or message appears literally', async () => {
    const o = arabic[1];
    if (!o) throw new Error('no second Arabic order');
    const name = '<b>Bold</b> <img src=x onerror="document.title=1">';
    const message = '<b>leave at door</b>';
    await patchOrder(o.id, { name, buyerMessage: message });
    await openRoute(`/print/label/${o.id}?size=4x6&dpi=203`);
    await expect(page.locator('[data-field="name"]')).toHaveText(name);
    expect(await page.locator('section b, section img').count()).toBe(0);
    await openRoute(`/print/slip/${o.id}?size=a6`);
    await expect(page.locator('[data-field="buyer-message"]')).toContainText(message);
    await expect(page.locator('[data-field="name"]')).toHaveText(name);
    expect(await page.locator('section b, section img').count()).toBe(0);
  });

  test('a batch prints one label per page, each with its own barcodes', async () => {
    const batch = [...cjk.slice(0, 1), ...arabic.slice(0, 2)];
    await openRoute(
      `/print/batch?ids=${batch.map((o) => o.id).join(',')}&doc=label&size=4x6&dpi=203`,
    );
    await expect(page.locator('section[data-doc="label"]')).toHaveCount(batch.length);
    const scan = await decodePdfBarcodes(
      await page.pdf({ preferCSSPageSize: true, printBackground: true }),
      203,
    );
    try {
      expect(scan.pages).toHaveLength(batch.length);
      batch.forEach((o, i) => {
        expectPageMm(scan.pages[i] ?? { widthMm: 0, heightMm: 0 }, LABEL_PAGE['4x6']);
        expect([...(scan.decoded[i] ?? [])].sort()).toEqual([o.id, o.tracking].sort());
      });
    } finally {
      await scan.cleanup();
    }
  });

  test('an unknown order gives a clear error page, not a label', async () => {
    await page.goto('/print/label/999000111222333444?size=4x6');
    await page.waitForSelector('body[data-print-error]');
    await expect(page.locator('body')).toHaveAttribute('data-print-error', 'not-found');
    await expect(page.getByRole('alert')).toContainText('999000111222333444');
    expect(await page.locator('body').getAttribute('data-print-ready')).toBeNull();
    await page.goto('/print/label/1?dpi=600');
    await expect(page.locator('body')).toHaveAttribute('data-print-error', 'invalid-print-route');
  });
});

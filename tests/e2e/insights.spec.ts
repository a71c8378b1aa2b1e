/**
 * Insights on the practice shop (issue 15): the screen on weeks of practice history, a drill-down
 * to the orders behind a figure, an applied suggestion that changes the carrier suggested at the
 * ship step (and its revert), and the review report's PDF — rendered through its print route,
 * rasterised, and its key numbers read back with pdftotext and compared with the same numbers
 * computed here from the raw IndexedDB rows, not through the app's code.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { readStore } from '../support/practice-db';

const run = promisify(execFile);
const DAY = 86_400_000;

interface RawOrder {
  id: string;
  status: string;
  shipBy: number;
  shippingType: string;
  flags: string[];
  recipient: { regionCode: string; districts: string[] };
}
interface RawSession {
  orderId: string;
  status: string;
  startedAt: number;
  endedAt: number | null;
  counts: Record<string, number>;
}
interface RawScan {
  outcome: string;
  at: number;
}
interface RawOutbox {
  orderId: string;
  kind: string;
  state: string;
  createdAt: number;
}

async function openInsights(page: Page) {
  await page.keyboard.press('F1');
  await expect(page.getByTestId('insights-screen')).toHaveAttribute('data-ready', 'true', {
    timeout: 120_000,
  });
}

/**
 * A seller-shipped practice order to Texas that can still be packed and shipped, with plain goods
 * only (no battery, liquid or fragile item), so the cheapest service — USPS — is suggested.
 */
async function texasSellerOrder(page: Page): Promise<string> {
  const orders = await readStore<RawOrder & { lines: { skuId: string }[] }>(page, 'orders');
  const products = await readStore<{ id: string; handling: string[] }>(page, 'products');
  const plain = new Set(products.filter((p) => p.handling.length === 0).map((p) => p.id));
  const hit = orders.find(
    (o) =>
      o.status === 'AWAITING_SHIPMENT' &&
      o.shippingType === 'SELLER' &&
      o.recipient.regionCode === 'US' &&
      o.recipient.districts[1] === 'Texas' &&
      o.flags.length === 0 &&
      o.lines.every((l) => plain.has(l.skuId)),
  );
  if (!hit) throw new Error('no plain seller-shipped practice order to Texas');
  return hit.id;
}

/** Opens the order on the Ship screen and returns the carrier of the first (suggested) option. */
async function suggestedCarrier(page: Page, orderId: string): Promise<string | null> {
  await page.keyboard.press('F4');
  await page.getByTestId('ship-scan').fill(orderId);
  await page.getByTestId('ship-scan').press('Enter');
  await expect(page.getByTestId('ship-panel')).toHaveAttribute('data-order-id', orderId);
  const markPacked = page.getByTestId('ship-mark-packed');
  if (await markPacked.isVisible()) await markPacked.click();
  const first = page.getByTestId('ship-option').first();
  await expect(first).toBeVisible();
  return first.getAttribute('data-carrier');
}

test('Insights on practice history: drill-down, a carrier suggestion applied at the ship step, the review PDF', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 90_000 });

  // Before any suggestion: the ship step suggests USPS (cheapest) for this Texas parcel.
  const texas = await texasSellerOrder(page);
  expect(await suggestedCarrier(page, texas)).toBe('usps');

  // The Insights screen (F1) on the practice history written at first open.
  await openInsights(page);
  for (const packer of ['Mei', 'Ahmad', 'Sam']) {
    await expect(
      page.getByTestId('insights-packers').locator(`tr[data-key="${packer}"]`),
    ).toBeVisible();
  }
  await expect(page.getByTestId('insights-chart-daily').locator('canvas')).toBeVisible();
  await page.screenshot({ path: join(tmpdir(), 'pb-f-insights.png'), fullPage: false });

  // Drill-down: the late-dispatch tile opens exactly the orders it counts; one opens in detail.
  const tile = page.getByTestId('insights-tile-lateDispatch');
  const late = Number(await tile.getAttribute('data-numerator'));
  expect(late).toBeGreaterThan(0);
  await tile.click();
  await expect(page.getByTestId('insights-drill')).toBeVisible();
  await expect(page.getByTestId('insights-drill')).toContainText(`${late} `);
  const firstOrder = page.getByTestId('insights-drill-order').first();
  const drilledId = await firstOrder.getAttribute('data-order-id');
  await firstOrder.click();
  await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', drilledId ?? '');
  const raw = await readStore<RawOrder & { shipBy: number }>(page, 'orders');
  const outbox = await readStore<RawOutbox>(page, 'outbox');
  const drilled = raw.find((o) => o.id === drilledId);
  const shippedAt = outbox.find((r) => r.orderId === drilledId && r.kind === 'ship-package');
  expect(drilled && shippedAt && shippedAt.createdAt > drilled.shipBy).toBe(true);
  await page.getByTestId('insights-drill-close').click();

  // The carrier rule: USPS late to Texas → prefer UPS there; applied with one action, audited.
  const suggestion = page
    .getByTestId('insights-suggestion')
    .filter({ hasText: 'USPS was late to US/Texas' });
  await expect(suggestion).toBeVisible();
  await expect(suggestion).toContainText('prefer UPS there');
  await suggestion.getByTestId('insights-apply').click();
  await expect(page.getByTestId('insights-flash')).toContainText('Applied');
  const audit = await readStore<{ kind: string; detail: { suggestionId?: string } }>(page, 'audit');
  expect(audit.filter((a) => a.kind === 'insights.suggestion-applied')).toHaveLength(1);

  // The ship step now suggests UPS for the same parcel, with the rule as its reason.
  expect(await suggestedCarrier(page, texas)).toBe('ups');
  await expect(page.getByTestId('ship-option').first()).toContainText('Carrier rule');

  // Reversible: revert, and USPS is suggested again.
  await openInsights(page);
  await page.getByTestId('insights-revert').first().click();
  await expect(page.getByTestId('insights-flash')).toContainText('Reverted');
  expect(await suggestedCarrier(page, texas)).toBe('usps');

  // The monthly review report through its print route, as PDF.
  const to = Date.now();
  const from = to - 28 * DAY;
  const report = await page.context().newPage();
  await report.goto(`/print/report?kind=month&to=${to}`);
  await report.waitForSelector('body[data-print-ready="true"], body[data-print-error]', {
    timeout: 60_000,
  });
  expect(await report.locator('body').getAttribute('data-print-error')).toBeNull();
  const dir = await mkdtemp(join(tmpdir(), 'pb-review-'));
  try {
    const pdfPath = join(dir, 'review.pdf');
    await writeFile(pdfPath, await report.pdf({ preferCSSPageSize: true, printBackground: true }));
    await run('pdftoppm', ['-r', '100', '-png', pdfPath, join(dir, 'page')]);
    const pngs = (await readdir(dir)).filter((f) => f.endsWith('.png'));
    expect(pngs.length).toBeGreaterThanOrEqual(2); // figures, then the charts page
    const { stdout: text } = await run('pdftotext', ['-layout', pdfPath, '-']);

    // The same numbers, computed here from the raw rows.
    const sessions = await readStore<RawSession>(page, 'packSessions');
    const scans = await readStore<RawScan>(page, 'scanEvents');
    const rows = await readStore<RawOutbox>(page, 'outbox');
    const inPeriod = (t: number) => t >= from && t < to;
    const packed = sessions.filter(
      (s) => s.status === 'completed' && s.endedAt !== null && inPeriod(s.endedAt),
    );
    const units = packed.reduce(
      (n, s) => n + Object.values(s.counts).reduce((a, b) => a + b, 0),
      0,
    );
    const misKinds = ['wrong-item', 'over-scan', 'unknown-barcode', 'other-order', 'invalid'];
    const periodScans = scans.filter((s) => inPeriod(s.at));
    const mis = periodScans.filter((s) => misKinds.includes(s.outcome)).length;
    const firstShip = new Map<string, number>();
    for (const r of rows) {
      if (r.kind !== 'ship-package' && r.kind !== 'mark-shipped') continue;
      if (['superseded', 'conflict-cancelled', 'conflict-shipped', 'dead'].includes(r.state))
        continue;
      const seen = firstShip.get(r.orderId);
      if (seen === undefined || r.createdAt < seen) firstShip.set(r.orderId, r.createdAt);
    }
    const shipBy = new Map(raw.map((o) => [o.id, o.shipBy]));
    const shipped = [...firstShip].filter(([, at]) => inPeriod(at));
    const lateCount = shipped.filter(([id, at]) => at > (shipBy.get(id) ?? Infinity)).length;

    const line = (label: string) => {
      const found = text.split('\n').find((l) => l.trimStart().startsWith(label));
      if (!found) throw new Error(`"${label}" not in the report:\n${text}`);
      return found;
    };
    expect(
      line('Orders packed')
        .trim()
        .split(/\s{2,}/)[1],
    ).toBe(String(packed.length));
    expect(
      line('Units packed')
        .trim()
        .split(/\s{2,}/)[1],
    ).toBe(String(units));
    expect(line('Mis-scan rate')).toContain(`(${mis}/${periodScans.length})`);
    expect(line('Late dispatch rate')).toContain(`(${lateCount}/${shipped.length})`);
    expect(packed.length).toBeGreaterThan(500);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await report.close();
  }
});

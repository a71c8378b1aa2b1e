/**
 * One writer per order on a station, and a pack resumed after a kill (issue 13 items 2–3), in
 * Chromium against the web host with the real IndexedDB: two tabs of one browser context are two
 * windows of one station (same origin, same database, same Web Locks). The kill is SIGKILL of
 * every process of a persistent profile, then a relaunch on the same profile.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { OrderRow } from '../../shared/domain/order';
import type { ProductRow, StockRow } from '../../shared/domain/product';
import type { AuditRow, PackSessionRow, ScanEventRow } from '../../renderer/src/data/rows';
import { readStore } from '../support/practice-db';
import { sendScannerKeys } from '../support/scanner-keys';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_ORIGIN } from './env';

test.describe.configure({ mode: 'serial' });

async function boot(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 90_000 });
}

/** Signs in on the pack screen unless this tab already has the station's packer. */
async function signIn(page: Page, name: string): Promise<void> {
  await page.keyboard.press('F3');
  const operator = page.getByTestId('pack-operator');
  const field = page.getByRole('textbox', { name: 'Your name' });
  await expect(operator.or(field)).toBeVisible();
  if (await operator.isVisible()) return;
  await field.fill(name);
  await field.press('Enter');
  await expect(operator).toContainText(name);
}

interface Packable {
  order: OrderRow;
  /** One scannable code per unit (seller SKU labels), in checklist order. */
  codes: string[];
}

/** A packable practice order with at least two units, and the codes that pack it. */
async function packableOrder(page: Page): Promise<Packable> {
  const orders = await readStore<OrderRow>(page, 'orders');
  const products = new Map(
    (await readStore<ProductRow>(page, 'products')).map((p) => [p.id, p] as const),
  );
  const stock = new Map((await readStore<StockRow>(page, 'stock')).map((s) => [s.skuId, s]));
  for (const o of orders) {
    if (o.status !== 'AWAITING_SHIPMENT' || o.flags.length > 0) continue;
    if (o.isOnHold || o.isBuyerRequestCancel || o.lines.length < 3) continue;
    const units = new Map<string, number>();
    for (const l of o.lines) units.set(l.skuId, (units.get(l.skuId) ?? 0) + 1);
    if (units.size < 2) continue;
    const ok = [...units].every(([sku, n]) => {
      const s = stock.get(sku);
      return (s?.onHand ?? 0) - (s?.reserved ?? 0) >= n + 5 && products.has(sku);
    });
    if (!ok) continue;
    const codes = [...units].flatMap(([sku, n]) =>
      Array.from({ length: n }, () => products.get(sku)?.sellerSku ?? ''),
    );
    return { order: o, codes };
  }
  throw new Error('no packable practice order');
}

const checklist = (page: Page) => page.getByTestId('checklist');
const guard = (page: Page) => page.getByTestId('pack-guard');

/**
 * Opens the order from the pack screen's order field (typed, not scanned: with two tabs busy on
 * a shared 2-core machine, scanner timing is not what this test is about).
 */
async function openOrder(page: Page, orderId: string): Promise<void> {
  await page.bringToFront();
  await page.keyboard.press('F3');
  const field = page.getByRole('textbox', { name: 'Order, package or tracking number' });
  await field.fill(orderId);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute('data-order-id', orderId);
}

/** Scans codes as a scanner does, waiting past the double-read window when a code repeats. */
async function scanCodes(page: Page, codes: readonly string[]): Promise<void> {
  await page.bringToFront();
  const cdp = await page.context().newCDPSession(page);
  let previous = '';
  for (const code of codes) {
    if (code === previous) await page.waitForTimeout(200);
    previous = code;
    const feedback = page.getByTestId('pack-feedback');
    const before = await feedback.getAttribute('data-seq');
    await sendScannerKeys(cdp, code);
    await expect.poll(() => feedback.getAttribute('data-seq')).not.toBe(before);
  }
  await cdp.detach();
}

async function sessionsOf(page: Page, orderId: string): Promise<PackSessionRow[]> {
  return (await readStore<PackSessionRow>(page, 'packSessions')).filter(
    (s) => s.orderId === orderId,
  );
}

test('two tabs of one station: the second cannot pack the order the first holds', async ({
  context,
}) => {
  const first = await context.newPage();
  await boot(first);
  const { order, codes } = await packableOrder(first);
  await signIn(first, 'Alice');
  await openOrder(first, order.id);
  await first.getByRole('button', { name: 'Confirm and start packing' }).click();
  await expect(checklist(first)).toBeVisible();
  await scanCodes(first, codes.slice(0, 1));

  const second = await context.newPage();
  await boot(second);
  await signIn(second, 'Bob');
  await openOrder(second, order.id);
  await expect(guard(second)).toHaveAttribute('data-kind', 'held-elsewhere');
  await expect(guard(second)).toContainText('being packed in another window');
  await expect(second.getByRole('button', { name: 'Confirm and start packing' })).toBeDisabled();
  await second.screenshot({ path: test.info().outputPath('second-tab-held.png') });

  // Nothing the second tab did touched the first tab's pack.
  const sessions = await sessionsOf(second, order.id);
  expect(sessions.map((s) => [s.status, s.packer])).toEqual([['open', 'Alice']]);
  await second.close();

  // The first tab finishes; a tab opening the order now is told it is packed already.
  await scanCodes(first, codes.slice(1));
  await expect(first.getByTestId('seal-banner')).toHaveAttribute('data-state', 'completed');
  await first.getByRole('button', { name: 'Close order' }).first().click();
  const third = await context.newPage();
  await boot(third);
  await signIn(third, 'Bob');
  await openOrder(third, order.id);
  await expect(guard(third)).toHaveAttribute('data-kind', 'already-packed');
  await expect(third.getByRole('button', { name: 'Confirm and start packing' })).toBeDisabled();
  const after = await sessionsOf(third, order.id);
  expect(after.filter((s) => s.status === 'completed')).toHaveLength(1);
});

/* ---------------- kill mid-pack, reopen, continue ---------------- */

function profilePids(profile: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(profile)) out.push(Number(entry));
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function sigkill(profile: string): void {
  for (const pid of profilePids(profile)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}

async function launch(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: E2E_ORIGIN,
    viewport: { width: 1600, height: 900 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

test('a browser killed mid-pack: reopening the order continues with the earlier scans', async () => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'pb-resume-'));
  const run1 = await launch(profile);
  let packable: Packable;
  try {
    await boot(run1.page);
    packable = await packableOrder(run1.page);
    await signIn(run1.page, 'Alice');
    await openOrder(run1.page, packable.order.id);
    await run1.page.getByRole('button', { name: 'Confirm and start packing' }).click();
    await expect(checklist(run1.page)).toBeVisible();
    await scanCodes(run1.page, packable.codes.slice(0, 2));
    // Both scans are on disk before the kill (they are written after the screen updates).
    await expect
      .poll(async () =>
        (await readStore<ScanEventRow>(run1.page, 'scanEvents')).filter(
          (e) => e.orderId === packable.order.id,
        ),
      )
      .toHaveLength(2);
  } finally {
    sigkill(profile);
    await run1.context.close().catch(() => undefined);
  }

  const run2 = await launch(profile);
  try {
    const page = run2.page;
    await boot(page);
    await signIn(page, 'Alice');
    await openOrder(page, packable.order.id);
    await expect(guard(page)).toHaveAttribute('data-kind', 'resume');
    await expect(guard(page)).toContainText(`2 of ${packable.codes.length} items were scanned`);
    await page.screenshot({ path: test.info().outputPath('resume-offer.png') });
    await page.getByRole('button', { name: 'Continue with the scans so far' }).click();
    await expect(checklist(page)).toBeVisible();
    const counted = await page
      .locator('[data-testid="checklist"] tr[data-sku]')
      .evaluateAll((rows) => rows.reduce((n, r) => n + Number(r.getAttribute('data-counted')), 0));
    expect(counted).toBe(2);
    await scanCodes(page, packable.codes.slice(2));
    await expect(page.getByTestId('seal-banner')).toHaveAttribute('data-state', 'completed');

    const sessions = await sessionsOf(page, packable.order.id);
    expect(sessions.map((s) => s.status)).toEqual(['completed']);
    const audit = (await readStore<AuditRow>(page, 'audit')).filter(
      (r) => r.orderId === packable.order.id,
    );
    expect(audit.filter((r) => r.kind === 'pack.resumed')).toHaveLength(1);
    expect(audit.filter((r) => r.kind === 'pack.completed')).toHaveLength(1);
    expect(audit.filter((r) => r.kind === 'pack.started')).toHaveLength(1);
  } finally {
    sigkill(profile);
    await run2.context.close().catch(() => undefined);
  }
});

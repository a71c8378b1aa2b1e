/**
 * Helpers of the scale and camera specs: a continuous-output serial scale on a socat
 * pseudo-terminal pair, picking packable practice orders, and packing one by scans.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type CDPSession, type Page } from '@playwright/test';
import type { OrderRow } from '../../shared/domain/order';
import type { ProductRow, StockRow } from '../../shared/domain/product';
import { sendScannerKeys } from '../support/scanner-keys';

export const HAS_SOCAT = spawnSync('sh', ['-c', 'command -v socat']).status === 0;

/**
 * A bench scale in continuous mode (`ST,GS,+  0.532kg` ten times a second) on one end of a pty
 * pair; the station opens the other end (`path`) like a USB-serial adapter.
 */
export interface SimulatedScale {
  path: string;
  /** What is on the scale now, in grams (0: empty). */
  set(grams: number): void;
  close(): void;
}

export async function startSimulatedScale(): Promise<SimulatedScale> {
  const dir = mkdtempSync(join(tmpdir(), 'pb-e2e-scale-'));
  const path = join(dir, 'ttyScale');
  const feed = join(dir, 'ttyFeed');
  const socat: ChildProcess = spawn('socat', [
    `pty,raw,echo=0,link=${path}`,
    `pty,raw,echo=0,link=${feed}`,
  ]);
  for (let i = 0; i < 200 && !(existsSync(path) && existsSync(feed)); i += 1) {
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!existsSync(feed)) throw new Error('socat did not create the pseudo-terminals');
  const fd = openSync(feed, 'w');
  let grams = 0;
  const timer = setInterval(() => {
    const kg = (grams / 1000).toFixed(3).padStart(7, ' ');
    try {
      writeSync(fd, `ST,GS,+${kg}kg\r\n`);
    } catch {
      // the station side is not open yet: a real scale talks into the void too
    }
  }, 100);
  return {
    path,
    set: (g) => void (grams = g),
    close: () => {
      clearInterval(timer);
      closeSync(fd);
      socat.kill();
    },
  };
}

/** Seller-shipped, packable orders whose SKUs all have a catalog weight. */
export function packableWeighedOrders(
  orders: OrderRow[],
  stock: StockRow[],
  products: Map<string, ProductRow>,
  n: number,
): OrderRow[] {
  const free = new Map(stock.map((s) => [s.skuId, s.onHand - s.reserved]));
  const picked: OrderRow[] = [];
  for (const o of orders) {
    if (o.status !== 'AWAITING_SHIPMENT' || o.shippingType !== 'SELLER') continue;
    if (o.flags.length > 0 || o.isOnHold || o.isBuyerRequestCancel) continue;
    if (o.lines.length < 1 || o.lines.length > 3) continue;
    if (!o.lines.every((l) => (products.get(l.skuId)?.weightGrams ?? 0) >= 50)) continue;
    const units = new Map<string, number>();
    for (const l of o.lines) units.set(l.skuId, (units.get(l.skuId) ?? 0) + 1);
    if (![...units].every(([sku, q]) => (free.get(sku) ?? 0) >= q + 5)) continue;
    for (const [sku, q] of units) free.set(sku, (free.get(sku) ?? 0) - q);
    picked.push(o);
    if (picked.length === n) return picked;
  }
  throw new Error('not enough packable, weighed practice orders');
}

export function expectedGrams(order: OrderRow, products: Map<string, ProductRow>): number {
  return order.lines.reduce((sum, l) => sum + (products.get(l.skuId)?.weightGrams ?? 0), 0);
}

export async function signIn(page: Page, name: string) {
  await page.keyboard.press('F3');
  const box = page.getByRole('textbox', { name: 'Your name' });
  await expect(box).toBeFocused();
  await page.keyboard.type(name, { delay: 150 });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('pack-operator')).toContainText(name);
}

/** Opens, confirms and packs an order by scans; the last scan completes the pack. */
export async function packByScans(
  page: Page,
  cdp: CDPSession,
  order: OrderRow,
  products: Map<string, ProductRow>,
) {
  await sendScannerKeys(cdp, order.id);
  await expect(page.getByTestId('confirm-panel')).toBeVisible();
  await expect(page.getByTestId('pack-order-id')).toHaveAttribute('data-order-id', order.id);
  await page.getByRole('button', { name: 'Confirm and start packing' }).click();
  await expect(page.getByTestId('checklist')).toBeVisible();
  const n = order.lines.length;
  for (const [i, line] of order.lines.entries()) {
    const p = products.get(line.skuId);
    const code = p?.barcodes.find((b) => /^\d{12,13}$/.test(b)) ?? p?.sellerSku ?? '';
    // The same code twice within 150 ms is one double read: wait as a packer would.
    await page.waitForTimeout(200);
    const counted = () =>
      i + 1 < n
        ? expect(page.getByTestId('checklist-total')).toContainText(`${i + 1} of ${n} units`, {
            timeout: 3000,
          })
        : expect(page.getByTestId('seal-banner')).toHaveAttribute('data-state', 'completed', {
            timeout: 5000,
          });
    // On a loaded machine a burst can reach the page in pieces: the station says "scan not
    // understood — scan again" and counts nothing, so the packer scans again, as here.
    for (let attempt = 1; ; attempt += 1) {
      await sendScannerKeys(cdp, code);
      try {
        await counted();
        break;
      } catch (cause) {
        if (attempt >= 3) throw cause;
      }
    }
  }
  await expect(page.getByTestId('seal-banner')).toHaveAttribute('data-state', 'completed');
}

/**
 * Camera evidence through Chromium's fake media device fed from a Y4M file: with evidence on,
 * the last scan of a pack takes a photo of the open box hands-free; it is stored in IndexedDB
 * with the order, shown in the order's history, and still there after the browser restarts on
 * the same profile. This spec launches its own Chromium (the fake-camera flags are its own).
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import type { OrderRow } from '../../shared/domain/order';
import type { ProductRow, StockRow } from '../../shared/domain/product';
import { writeY4m } from '../support/fake-video';
import { readStore } from '../support/practice-db';
import { packByScans, packableWeighedOrders, signIn } from './devices-support';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_ORIGIN } from './env';

const W = 320;
const H = 240;

interface EvidenceRow {
  orderId: string;
  kind: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
  packer: string;
  trigger: string;
}

async function launch(
  profile: string,
  video: string,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    baseURL: E2E_ORIGIN,
    viewport: { width: 1600, height: 900 },
    // Playwright answers permission prompts itself: grant the camera as a packer would once.
    permissions: ['camera'],
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  const page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto('/');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 90_000 });
  return { ctx, page };
}

async function openOrder(page: Page, orderId: string) {
  await page.keyboard.press('F2');
  const search = page.getByRole('searchbox');
  await search.fill(orderId);
  await search.press('Enter');
  await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', orderId);
}

test('a photo is taken at the last scan, stored, shown in the order, and survives a restart', async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'pb-e2e-camera-'));
  const video = join(dir, 'bench.y4m');
  writeY4m(video, W, H);
  const profile = join(dir, 'profile');

  let { ctx, page } = await launch(profile, video);
  try {
    const products = new Map((await readStore<ProductRow>(page, 'products')).map((p) => [p.id, p]));
    const [order] = packableWeighedOrders(
      await readStore<OrderRow>(page, 'orders'),
      await readStore<StockRow>(page, 'stock'),
      products,
      1,
    );
    if (!order) throw new Error('unreachable');

    // Settings › Camera evidence: on (the open-box photo at the last scan is on by default).
    await page.keyboard.press('F10');
    await page.getByTestId('camera-enabled').click(); // saved, then shown from the database
    await expect(page.getByTestId('camera-enabled')).toBeChecked();

    await signIn(page, 'Bea');
    const cdp = await ctx.newCDPSession(page);
    const [labelWindow] = await Promise.all([
      ctx.waitForEvent('page', { timeout: 30_000 }),
      packByScans(page, cdp, order, products),
    ]);
    await labelWindow.close();
    await page.bringToFront();
    await expect(page.getByTestId('camera-last')).toHaveAttribute('data-ok', 'true');

    const stored = (await readStore<EvidenceRow>(page, 'evidence')).filter(
      (e) => e.orderId === order.id,
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      kind: 'open-box',
      mime: 'image/jpeg',
      width: W,
      height: H,
      packer: 'Bea',
      trigger: 'last-scan',
    });
    expect(stored[0]?.bytes).toBeGreaterThan(1000);

    await openOrder(page, order.id);
    const photo = page.getByTestId('evidence-photo');
    await expect(photo).toHaveCount(1);
    await expect(photo.locator('img')).toHaveJSProperty('naturalWidth', W);
    await expect(
      page.getByTestId('order-history').locator('[data-kind="evidence.captured"]'),
    ).toHaveCount(1);
    await page.getByTestId('order-evidence').screenshot({ path: '/tmp/pb-e2e-evidence.png' });

    // Restart the browser on the same profile: the photo is still with the order.
    await ctx.close();
    ({ ctx, page } = await launch(profile, video));
    await openOrder(page, order.id);
    await expect(page.getByTestId('evidence-photo')).toHaveCount(1);
    await expect(page.getByTestId('evidence-photo').locator('img')).toHaveJSProperty(
      'naturalWidth',
      W,
    );
  } finally {
    await ctx.close();
  }
});

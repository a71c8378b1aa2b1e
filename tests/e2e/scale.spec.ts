/**
 * The weight check with a serial scale simulated on a pseudo-terminal (socat): Settings › Scale
 * connects the host to it over real serial I/O (the `serialport` package); a parcel inside the
 * tolerance prints its label at the last scan, one outside is blocked like a mis-scan (no label,
 * the alert, audited) until a supervisor overrides with the PIN, which prints it.
 */
import { expect, test } from '@playwright/test';
import type { OrderRow } from '../../shared/domain/order';
import type { ProductRow, StockRow } from '../../shared/domain/product';
import { readStore } from '../support/practice-db';
import { sendScannerKeys } from '../support/scanner-keys';
import {
  expectedGrams,
  HAS_SOCAT,
  packByScans,
  packableWeighedOrders,
  signIn,
  startSimulatedScale,
  type SimulatedScale,
} from './devices-support';

interface LabelRow {
  orderId: string;
  state: string;
}
interface AuditRow {
  kind: string;
  orderId: string;
  actor: string;
  detail: Record<string, unknown>;
}
interface WeighingRow {
  orderId: string;
  at: number;
  grams: number;
  verdict: string;
  accepted: boolean;
  supervisor?: string;
}

let scale: SimulatedScale | null = null;
test.afterEach(() => {
  scale?.close();
  scale = null;
});

test('a serial scale on a pty: inside the tolerance prints, outside is blocked until a supervisor overrides', async ({
  page,
  context,
}) => {
  test.skip(!HAS_SOCAT, 'socat is not installed (apt-get install socat; .ci/run installs it)');
  test.setTimeout(180_000);
  scale = await startSimulatedScale();
  await page.goto('/');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 90_000 });
  const cdp = await context.newCDPSession(page);
  const products = new Map((await readStore<ProductRow>(page, 'products')).map((p) => [p.id, p]));
  const [good, light] = packableWeighedOrders(
    await readStore<OrderRow>(page, 'orders'),
    await readStore<StockRow>(page, 'stock'),
    products,
    2,
  );
  if (!good || !light) throw new Error('unreachable');

  // Settings: a supervisor PIN, and the serial scale on the pty (continuous output).
  await page.keyboard.press('F10');
  const pin = page.getByLabel('Set a supervisor PIN (4–12 digits)');
  await pin.fill('4321');
  await pin.press('Enter');
  await expect(page.getByText('Supervisor PIN saved (stored hashed)')).toBeVisible();
  await page.getByTestId('scale-source-serial').click();
  await page.getByTestId('scale-path').fill(scale.path);
  await page.getByTestId('scale-protocol').selectOption('continuous');
  await page.getByTestId('scale-connect').click();
  const line = page.getByTestId('scale-settings').getByTestId('scale-line');
  await expect(line).toContainText('0 g'); // empty
  scale.set(1234);
  await expect(line).toContainText('1234 g');
  await expect(line).toHaveAttribute('data-state', 'settled');
  await page.getByTestId('scale-settings').screenshot({ path: '/tmp/pb-e2e-scale-settings.png' });
  scale.set(0);

  await signIn(page, 'Alice');

  // Parcel 1 weighs what its SKUs weigh: the last scan prints its label.
  const grams1 = expectedGrams(good, products);
  scale.set(grams1);
  const popup = context.waitForEvent('page', { timeout: 30_000 });
  await packByScans(page, cdp, good, products);
  await (await popup).close();
  await expect(page.getByTestId('weight-check')).toHaveAttribute('data-state', 'pass');
  await expect
    .poll(async () =>
      (await readStore<LabelRow>(page, 'labels'))
        .filter((l) => l.orderId === good.id)
        .map((l) => l.state),
    )
    .toEqual(['sent']);
  const w1 = (await readStore<WeighingRow>(page, 'weighings')).filter((w) => w.orderId === good.id);
  expect(w1).toMatchObject([{ grams: grams1, verdict: 'ok', accepted: true }]);
  await page.bringToFront();
  await sendScannerKeys(cdp, good.id); // the label on the parcel: verified, next order
  await expect(page.getByTestId('label-step')).toHaveAttribute('data-verified', 'true');

  // Parcel 2 is missing half its weight: blocked, no label, the alert.
  scale.set(0); // lifted off
  await page.waitForTimeout(400);
  const grams2 = Math.round(expectedGrams(light, products) / 2);
  scale.set(grams2);
  await packByScans(page, cdp, light, products);
  const check = page.getByTestId('weight-check');
  await expect(check).toHaveAttribute('data-state', 'blocked');
  await expect(check).toHaveAttribute('data-reason', 'too-light');
  await expect(check).toHaveAttribute('role', 'alert');
  await expect(check).toContainText('TOO LIGHT');
  await expect(page.getByTestId('label-step')).toHaveAttribute('data-state', 'weight-blocked');
  await page.screenshot({ path: '/tmp/pb-e2e-scale-blocked.png', fullPage: true });
  expect((await readStore<LabelRow>(page, 'labels')).filter((l) => l.orderId === light.id)).toEqual(
    [],
  );
  // Weighing again without lifting the parcel changes nothing: still blocked, same weight.
  await page.getByTestId('weight-reweigh').click();
  await page.waitForTimeout(3500); // the check waits up to 3 s for a new settled weight
  await expect(check).toHaveAttribute('data-state', 'blocked');
  await expect(check).toHaveAttribute('data-grams', String(grams2));

  // A wrong PIN is refused and audited; the right one prints the label.
  await page.getByTestId('weight-override').click();
  const dialog = page.getByTestId('weight-override-dialog');
  await dialog.getByLabel('Supervisor name').fill('Sam');
  await dialog.getByLabel('Supervisor PIN').fill('0000');
  await dialog
    .getByLabel('Reason (at least 3 characters)')
    .fill('gift wrap removed by buyer request');
  const popup2 = context.waitForEvent('page', { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Accept and print the label' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Wrong PIN');
  await dialog.getByLabel('Supervisor PIN').fill('4321');
  await dialog.getByRole('button', { name: 'Accept and print the label' }).click();
  await (await popup2).close();
  await page.bringToFront();
  await expect(check).toHaveAttribute('data-state', 'pass');
  await expect(check).toContainText('Weight accepted by supervisor Sam');
  await expect
    .poll(async () =>
      (await readStore<LabelRow>(page, 'labels'))
        .filter((l) => l.orderId === light.id)
        .map((l) => l.state),
    )
    .toEqual(['sent']);
  const audit = (await readStore<AuditRow>(page, 'audit')).filter(
    (a) => a.orderId === light.id && a.kind.startsWith('weight.'),
  );
  expect(audit.map((a) => a.kind).sort()).toEqual([
    'weight.blocked',
    'weight.override',
    'weight.override',
  ]);
  expect(audit.find((a) => a.detail.refused === 'bad-pin')?.detail.supervisor).toBe('Sam');
  expect(
    audit.find((a) => a.kind === 'weight.override' && a.detail.refused === undefined)?.detail,
  ).toMatchObject({ supervisor: 'Sam', grams: grams2, verdict: 'overridden' });
  const w2 = (await readStore<WeighingRow>(page, 'weighings')).filter(
    (w) => w.orderId === light.id,
  );
  w2.sort((a, b) => a.at - b.at);
  expect(w2.map((w) => [w.verdict, w.accepted])).toEqual([
    ['too-light', false],
    ['overridden', false],
  ]);
});

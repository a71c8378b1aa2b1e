/**
 * Recovery (issue 13, reliability.md §5 case 16): IndexedDB deleted under a running station with
 * unsent shipment updates; the station says so, reopens a new database, offers the host journal's
 * updates, and after the restore each update is applied at the sandbox shop exactly once (its
 * `/__admin/writes` audit). Also: a backup made in Settings, previewed and restored.
 */
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_ORIGIN } from './env';
import {
  bootStation,
  FAST_SYNC,
  freshOrders,
  outboxRows,
  type HookWindow,
  prepareContext,
  resetFaults,
  shipViaHook,
  waitForRows,
  writesByKey,
} from './outbox-support';

type ConfigureWindow = { __packbench?: { outbox: { configure(o: unknown): void } } };

test.afterEach(async () => {
  await resetFaults();
});

async function launch(profile: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: E2E_ORIGIN,
    viewport: { width: 1600, height: 900 },
  });
  await prepareContext(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return { context, page };
}

/**
 * The e2e host's journal is shared by every spec of the run, and earlier specs leave updates in it
 * that their short-lived stations never settled. This test counts what the journal offers, so it
 * sets those aside while it runs and appends them back after it.
 */
function setJournalAside(): () => void {
  const file = join(String(test.info().config.metadata.dataDir), 'journal', 'outbox.jsonl');
  const earlier = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (earlier) rmSync(file);
  return () => {
    if (!earlier) return;
    const ours = existsSync(file) ? readFileSync(file, 'utf8') : '';
    rmSync(file, { force: true });
    appendFileSync(file, earlier + ours);
  };
}

function configureSync(page: Page, options: unknown) {
  return page.evaluate((o) => {
    (window as unknown as ConfigureWindow).__packbench?.outbox.configure(o);
  }, options);
}

test('IndexedDB deleted under a running station with unsent updates → restore from the journal → each applied once', async () => {
  test.setTimeout(240_000);
  const putJournalBack = setJournalAside();
  const profile = mkdtempSync(join(tmpdir(), 'pb-recovery-'));
  const { context, page } = await launch(profile);
  try {
    await bootStation(page);
    const orders = await freshOrders(page, 4, 'TIKTOK');
    expect(orders).toHaveLength(4);
    const [a, b, c, d] = orders as [string, string, string, string];

    // Two updates reach the shop…
    const sent = [
      await shipViaHook(page, a, { kind: 'platform', handoverMethod: 'DROP_OFF' }),
      await shipViaHook(page, b, { kind: 'platform', handoverMethod: 'PICKUP' }),
    ];
    await waitForRows(
      page,
      sent.map((r) => r.id),
      ['done'],
    );
    // …two more are recorded while the queue is held: unsent when the database goes.
    await configureSync(page, { ...FAST_SYNC, paused: true });
    const unsent = [
      await shipViaHook(page, c, { kind: 'platform', handoverMethod: 'DROP_OFF' }),
      await shipViaHook(page, d, { kind: 'platform', handoverMethod: 'DROP_OFF' }),
    ];
    const pending = (await outboxRows(page)).filter((r) => unsent.some((u) => u.id === r.id));
    expect(pending.map((r) => r.state)).toEqual(['pending', 'pending']);
    const all = [...sent, ...unsent];
    expect(
      [...(await writesByKey(all.map((r) => r.idempotencyKey))).values()].map((w) => w.length),
    ).toEqual([1, 1, 0, 0]);

    // The journal learns that the shop confirmed the first two (settled markers, in batches).
    const journal = join(String(test.info().config.metadata.dataDir), 'journal', 'outbox.jsonl');
    await expect
      .poll(() => {
        const text = existsSync(journal) ? readFileSync(journal, 'utf8') : '';
        return sent.filter((r) => text.includes(`{"id":"${r.id}","state":"done"}`)).length;
      })
      .toBe(2);

    // The profile's IndexedDB is deleted while the station runs.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', {
      origin: E2E_ORIGIN,
      storageTypes: 'indexeddb',
    });
    await expect(page.getByTestId('db-problem')).toBeVisible();
    await expect(page.getByTestId('db-problem')).toContainText('closed the station database');
    // Sync runs again once the station is back (the hold was a test setting).
    await page.evaluate((o) => {
      localStorage.setItem('packbench.dev.outbox', JSON.stringify(o));
    }, FAST_SYNC);
    await page.getByRole('button', { name: 'Try again' }).click();
    // A new database: the first pull, then the offer to restore from the host journal.
    const offer = page.getByTestId('recovery-offer');
    await expect(offer).toBeVisible({ timeout: 90_000 });
    // Only the two the shop never confirmed are offered.
    await expect(offer).toContainText('holds 2 shipment updates');
    await page.screenshot({ path: join(tmpdir(), 'pb-recovery-offer.png') });
    expect(await outboxRows(page)).toHaveLength(0);
    await page.getByTestId('recovery-offer-restore').click();
    await expect(offer).toHaveAttribute('data-state', 'restored');

    // The unconfirmed updates come back, are read back first, and end done; the shop applied
    // every update once.
    const rows = await waitForRows(
      page,
      unsent.map((r) => r.id),
      ['done'],
      90_000,
    );
    expect(rows.map((r) => r.idempotencyKey).sort()).toEqual(
      unsent.map((r) => r.idempotencyKey).sort(),
    );
    const byKey = await writesByKey(all.map((r) => r.idempotencyKey));
    for (const r of all) {
      expect(byKey.get(r.idempotencyKey), `writes for ${r.id}`).toHaveLength(1);
    }
    // Nothing more to restore: a second check finds every update here.
    await page.keyboard.press('F10');
    await page.getByTestId('journal-check').click();
    await expect(page.getByTestId('journal-result')).toContainText('Nothing to restore');
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    putJournalBack();
  }
});

test('Settings: back up now, preview what a restore does, restore; unconfirmed updates are read back', async () => {
  test.setTimeout(180_000);
  const profile = mkdtempSync(join(tmpdir(), 'pb-backup-'));
  const { context, page } = await launch(profile);
  try {
    await bootStation(page);
    await configureSync(page, { ...FAST_SYNC, paused: true });
    const [o] = await freshOrders(page, 1, 'TIKTOK');
    if (!o) throw new Error('no fresh order');
    const queued = await shipViaHook(page, o, { kind: 'platform', handoverMethod: 'DROP_OFF' });

    await page.keyboard.press('F10');
    const card = page.getByTestId('recovery-card');
    await card.getByTestId('backup-now').click();
    await expect(card).toContainText('Backup saved');
    const item = card.getByTestId('backup-list').locator('li').first();
    await expect(item).toContainText('not yet confirmed by the shop: 1');

    // After the backup the order rows are lost (as damaged storage would), then restored.
    const before = await page.evaluate(async () => {
      const hooks = (window as unknown as HookWindow & { __packbench: { db: unknown } })
        .__packbench as unknown as {
        db: { orders: { count(): Promise<number>; clear(): Promise<void> } };
      };
      const n = await hooks.db.orders.count();
      await hooks.db.orders.clear();
      return n;
    });
    expect(before).toBeGreaterThan(0);
    await item.getByRole('button', { name: 'Preview' }).click();
    const preview = card.getByTestId('backup-preview');
    await expect(preview.locator('tr[data-table="orders"] td').nth(1)).toHaveText(String(before));
    await expect(preview.locator('tr[data-table="orders"] td').nth(2)).toHaveText('0');
    await expect(preview.getByTestId('backup-preview-verify')).toContainText(
      '1 shipment update from the backup is checked with the shop',
    );
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(tmpdir(), 'pb-backup-preview.png') });
    await preview.getByTestId('backup-restore').click();
    await preview.getByTestId('backup-restore').click(); // press again to confirm
    await expect(preview.getByTestId('backup-restored')).toBeVisible({ timeout: 60_000 });
    const after = await page.evaluate(async () => {
      const hooks = (
        window as unknown as { __packbench: { db: { orders: { count(): Promise<number> } } } }
      ).__packbench;
      return hooks.db.orders.count();
    });
    expect(after).toBe(before);
    const restored = (await outboxRows(page)).find((r) => r.id === queued.id);
    expect(restored?.state).toBe('verify');
    await configureSync(page, { ...FAST_SYNC, paused: false });
    await waitForRows(page, [queued.id], ['done']);
    expect((await writesByKey([queued.idempotencyKey])).get(queued.idempotencyKey)).toHaveLength(1);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  }
});

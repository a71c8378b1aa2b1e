import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_ORIGIN } from './env';

const rows = (page: Page) => page.locator('.queue-row[data-order-id]');

async function firstStart(page: Page) {
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
}

test('first start shows a practice queue, clearly marked', async ({ page }) => {
  await firstStart(page);
  await expect(page.getByTestId('practice-banner')).toBeVisible();
  expect(await rows(page).count()).toBeGreaterThan(5);
  // The queue is sorted by ship-by: the first row is due no later than the second.
  await expect(page.locator('.status-bar')).toContainText('500');
});

test('search finds an order by id and by tracking number', async ({ page }) => {
  await firstStart(page);
  const search = page.getByRole('searchbox');

  const orderId = await rows(page).nth(3).getAttribute('data-order-id');
  expect(orderId).toMatch(/^\d{18}$/);
  await search.fill(orderId ?? '');
  await search.press('Enter');
  await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', orderId ?? '');
  await expect(page.locator('.match-note')).toHaveText('Order ID');

  // Orders awaiting pickup already carry a tracking number.
  await search.fill('');
  await page.getByRole('button', { name: /Awaiting pickup/ }).click();
  await rows(page).first().click();
  const detail = page.getByTestId('order-detail');
  const trackingText = await detail.locator('text=/Tracking: /').first().textContent();
  const tracking = /Tracking: (\S+)/.exec(trackingText ?? '')?.[1];
  const shippedId = await detail.getAttribute('data-order-id');
  expect(tracking).toBeTruthy();
  await search.fill(tracking ?? '');
  await search.press('Enter');
  await expect(page.locator('.match-note')).toHaveText('Tracking number');
  await expect(detail).toHaveAttribute('data-order-id', shippedId ?? '');

  await search.fill('does-not-exist-123');
  await expect(page.locator('.queue-empty')).toContainText('does-not-exist-123');
});

test('the language switch changes the whole screen and is remembered', async ({ page }) => {
  await firstStart(page);
  await expect(page.getByRole('button', { name: /To ship/ })).toBeVisible();
  await page.getByLabel('Language').selectOption('zh-CN');
  await expect(page.getByRole('button', { name: /待发货/ })).toBeVisible();
  await expect(page.getByTestId('practice-banner')).toContainText('练习模式');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.reload();
  await expect(page.getByRole('button', { name: /待发货/ })).toBeVisible();
  await page.getByLabel('语言').selectOption('en');
  await expect(page.getByRole('button', { name: /To ship/ })).toBeVisible();
});

test('data survives a reload and a browser restart on the same profile', async () => {
  const profile = mkdtempSync(join(tmpdir(), 'pb-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      headless: true,
      baseURL: E2E_ORIGIN,
    });
  let ctx = await launch();
  let page = ctx.pages()[0] ?? (await ctx.newPage());
  await firstStart(page);
  const seedStamp = () =>
    page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('packbench-practice');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
      });
      // First start pulls the practice orders from the practice shop; the pull's completion
      // time must not change on reload or restart (no second first pull).
      const row = await new Promise<{ value: { firstPullCompletedAt: number } }>(
        (resolve, reject) => {
          const req = db.transaction('meta').objectStore('meta').get('intake-state');
          req.onsuccess = () => resolve(req.result as { value: { firstPullCompletedAt: number } });
          req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
        },
      );
      db.close();
      return row.value.firstPullCompletedAt;
    });
  const seededAt = await seedStamp();
  const firstId = await rows(page).first().getAttribute('data-order-id');
  await page.getByLabel('Language').selectOption('zh-CN');

  await page.reload();
  await expect(rows(page).first()).toHaveAttribute('data-order-id', firstId ?? '');
  expect(await seedStamp()).toBe(seededAt);

  await ctx.close();
  ctx = await launch();
  page = ctx.pages()[0] ?? (await ctx.newPage());
  await page.goto('/');
  await expect(rows(page).first()).toHaveAttribute('data-order-id', firstId ?? '');
  await expect(page.getByRole('button', { name: /待发货/ })).toBeVisible();
  expect(await seedStamp()).toBe(seededAt);
  await ctx.close();
});

test('the keyboard moves through the queue and F10/F2 switch screens', async ({ page }) => {
  await firstStart(page);
  // The first pull from the practice shop (shared with earlier tests, which changed some of its
  // orders) can re-sort the queue while it runs: move through it once it has finished.
  await expect(page.getByTestId('intake-last-sync')).toContainText('Synced', { timeout: 60_000 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const third = await rows(page).nth(2).getAttribute('data-order-id');
  await expect(page.getByTestId('order-detail')).toHaveAttribute('data-order-id', third ?? '');
  await page.keyboard.press('F10');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await page.keyboard.press('F2');
  await expect(rows(page).first()).toBeVisible();
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox')).toBeFocused();
});

test('an injected inline script does not run (CSP)', async ({ page }) => {
  await firstStart(page);
  const outcome = await page.evaluate(async () => {
    const violation = new Promise<string>((resolve) =>
      document.addEventListener('securitypolicyviolation', (e) => resolve(e.violatedDirective), {
        once: true,
      }),
    );
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = true';
    document.body.append(s);
    const directive = await violation;
    return { directive, pwned: (window as unknown as { __pwned?: boolean }).__pwned ?? false };
  });
  expect(outcome.pwned).toBe(false);
  expect(outcome.directive).toContain('script-src');
});

test('customer text is shown as text, never as markup', async ({ page }) => {
  await firstStart(page);
  // The practice shop includes a buyer message written as HTML.
  const found = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
    });
    const all = await new Promise<{ id: string; buyerMessage: string }[]>((resolve) => {
      const req = db.transaction('orders').objectStore('orders').getAll();
      req.onsuccess = () => resolve(req.result as { id: string; buyerMessage: string }[]);
    });
    db.close();
    return all.find((o) => o.buyerMessage.includes('<b>'))?.id ?? null;
  });
  expect(found).not.toBeNull();
  await page.getByRole('searchbox').fill(found ?? '');
  await page.getByRole('searchbox').press('Enter');
  const note = page.locator('.note p').first();
  await expect(note).toHaveText('<b>leave at door</b>');
  expect(await page.locator('.note b').count()).toBe(0);
});

test.describe('a foreign origin', () => {
  let server: Server;
  let foreign: string;
  test.beforeAll(async () => {
    server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>evil</title>');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const addr = server.address();
    foreign = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  });
  test.afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test('cannot call the bridge, even with a simple request', async ({ page }) => {
    await page.goto(foreign);
    const results = await page.evaluate(async (target) => {
      const out: string[] = [];
      try {
        const r = await fetch(`${target}/api/app.getInfo`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: '{}',
        });
        out.push(`json:${r.status}`);
      } catch {
        out.push('json:blocked');
      }
      try {
        // A "simple" request skips the CORS preflight: the host itself must refuse it.
        const r2 = await fetch(`${target}/api/journal.append`, {
          method: 'POST',
          mode: 'no-cors',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ entries: [{ id: 'evil', kind: 'x', at: 1, payload: {} }] }),
        });
        out.push(`simple:${r2.type}`);
      } catch {
        out.push('simple:blocked');
      }
      return out;
    }, E2E_ORIGIN);
    expect(results[0]).toBe('json:blocked');
    expect(['simple:opaque', 'simple:blocked']).toContain(results[1]);
    const journal = join(String(test.info().config.metadata.dataDir), 'journal', 'outbox.jsonl');
    const written = existsSync(journal) ? readFileSync(journal, 'utf8') : '';
    expect(written).not.toContain('evil');
    // Our own page still works, and the foreign write never reached the journal.
    const check = await page.request.post(`${E2E_ORIGIN}/api/app.getInfo`, {
      headers: { origin: foreign, 'content-type': 'application/json' },
      data: {},
    });
    expect(check.status()).toBe(403);
  });
});

test('a database from a newer Packbench shows a clear screen, exports, and is kept', async ({
  page,
}) => {
  // Create the newer database on our origin before the app ever opens it.
  await page.goto('/favicon.svg');
  await page.evaluate(async () => {
    await new Promise<void>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice', 990);
      r.onupgradeneeded = () => {
        r.result.createObjectStore('orders', { keyPath: 'id' }).put({ id: 'future-order' });
        r.result.createObjectStore('fromTheFuture', { keyPath: 'id' });
      };
      r.onsuccess = () => {
        r.result.close();
        resolve();
      };
      r.onerror = () => reject(r.error ?? new Error('IndexedDB open failed'));
    });
  });
  await page.goto('/');
  const problem = page.getByTestId('db-problem');
  await expect(problem).toHaveAttribute('data-kind', 'too-new');
  await expect(problem).toContainText('newer Packbench');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export the data' }).click();
  const file = await download;
  const text = await (await file.createReadStream()).toArray();
  const exported = JSON.parse(Buffer.concat(text as Buffer[]).toString()) as {
    stores: Record<string, unknown[]>;
  };
  expect(exported.stores.orders).toEqual([{ id: 'future-order' }]);
  const kept = await page.evaluate(async () => {
    const dbs = await indexedDB.databases();
    return dbs.find((d) => d.name === 'packbench-practice')?.version;
  });
  expect(kept).toBe(990);
});

/**
 * Order intake from the practice shop (the sandbox embedded in the e2e web host): first pull into
 * IndexedDB, a browser killed mid-pull that resumes without duplicates or gaps, upstream changes
 * flagged after the next pull, and the Shop section of Settings.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  E2E_ORIGIN,
  E2E_SANDBOX_ADMIN_TOKEN,
  E2E_SANDBOX_URL,
} from './env';

const rows = (page: Page) => page.locator('.queue-row[data-order-id]');

async function admin(method: 'GET' | 'PUT' | 'POST', path: string, body?: unknown) {
  const res = await fetch(`${E2E_SANDBOX_URL}${path}`, {
    method,
    headers: { 'x-admin-token': E2E_SANDBOX_ADMIN_TOKEN, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.ok, `${method} ${path}: ${res.status}`).toBe(true);
  return res.json() as Promise<unknown>;
}

/** Reads the station's IndexedDB from inside the page. */
function readDb(page: Page) {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('open failed'));
    });
    const get = <T>(store: string, key?: string) =>
      new Promise<T>((resolve, reject) => {
        const os = db.transaction(store).objectStore(store);
        const req = key === undefined ? os.getAllKeys() : os.get(key);
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(req.error ?? new Error('read failed'));
      });
    const ids = db.objectStoreNames.contains('orders') ? await get<string[]>('orders') : [];
    const state = db.objectStoreNames.contains('meta')
      ? await get<{ value: { firstPullCompletedAt: number | null } } | undefined>(
          'meta',
          'intake-state',
        )
      : undefined;
    const checkpoint = db.objectStoreNames.contains('meta')
      ? await get<{ value: { done: number; total: number } } | undefined>(
          'meta',
          'intake-checkpoint',
        )
      : undefined;
    db.close();
    return {
      ids: ids.map(String),
      firstPullCompletedAt: state?.value.firstPullCompletedAt ?? null,
      checkpoint: checkpoint?.value ?? null,
    };
  });
}

/** What the sandbox holds for a first pull, asked through the station host's bridge. */
function sandboxFirstPullIds(page: Page) {
  return page.evaluate(async () => {
    const token =
      document.querySelector<HTMLMetaElement>('meta[name="packbench-token"]')?.content ?? '';
    const statuses = [
      'AWAITING_SHIPMENT',
      'ON_HOLD',
      'PARTIALLY_SHIPPING',
      'AWAITING_COLLECTION',
      'CANCELLED',
    ];
    const ids: string[] = [];
    for (const status of statuses) {
      let pageToken = '';
      do {
        const res = await fetch('/api/shop.searchOrders', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-packbench-token': token },
          body: JSON.stringify({
            pageSize: 100,
            orderStatus: status,
            ...(status === 'CANCELLED'
              ? { updateTimeGe: Math.floor(Date.now() / 1000) - 7 * 24 * 3600 }
              : {}),
            ...(pageToken ? { pageToken } : {}),
          }),
        });
        const body = (await res.json()) as {
          ok: boolean;
          value: { orders: { id: string }[]; nextPageToken: string };
        };
        if (!body.ok) throw new Error(JSON.stringify(body));
        ids.push(...body.value.orders.map((o) => o.id));
        pageToken = body.value.nextPageToken;
      } while (pageToken);
    }
    return ids;
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** A real Chromium process on a persistent profile, so the test can kill it with SIGKILL. */
async function launchKillable(
  profile: string,
): Promise<{ proc: ChildProcess; browser: Browser; page: Page }> {
  const port = await freePort();
  const proc = spawn(
    CHROMIUM_PATH,
    [
      ...CHROMIUM_ARGS,
      `--user-data-dir=${profile}`,
      `--remote-debugging-port=${port}`,
      '--remote-debugging-address=127.0.0.1',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  let browser: Browser | null = null;
  for (let i = 0; i < 100 && !browser; i += 1) {
    try {
      browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  if (!browser) throw new Error('Chromium did not start');
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = context.pages()[0] ?? (await context.newPage());
  await page.setViewportSize({ width: 1600, height: 900 });
  return { proc, browser, page };
}

async function kill(proc: ChildProcess) {
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGKILL');
  await exited;
}

test.describe.configure({ mode: 'serial' });

test('a browser killed mid-pull resumes without duplicates or gaps', async () => {
  test.setTimeout(120_000);
  const profile = mkdtempSync(join(tmpdir(), 'pb-intake-'));
  // Slow the practice shop down so the kill lands in the middle of the first pull.
  await admin('PUT', '/__admin/faults', { latencyMs: 900 });
  let first: Awaited<ReturnType<typeof launchKillable>> | null = null;
  try {
    first = await launchKillable(profile);
    await first.page.goto(E2E_ORIGIN);
    // The first start shows the pull's progress bar.
    await expect(first.page.getByRole('progressbar')).toBeVisible({ timeout: 30_000 });
    let before: Awaited<ReturnType<typeof readDb>> | null = null;
    await expect
      .poll(
        async () => {
          before = await readDb(first!.page);
          return (before.checkpoint?.done ?? 0) >= 100;
        },
        { timeout: 60_000, intervals: [100] },
      )
      .toBe(true);
    await kill(first.proc);
    first = null;
    const killed = before as unknown as Awaited<ReturnType<typeof readDb>>;
    expect(killed.firstPullCompletedAt).toBeNull();
    expect(killed.ids.length).toBeGreaterThan(0);
  } finally {
    if (first) await kill(first.proc);
    await admin('PUT', '/__admin/faults', {});
  }

  const second = await launchKillable(profile);
  try {
    await second.page.goto(E2E_ORIGIN);
    await expect(rows(second.page).first()).toBeVisible({ timeout: 60_000 });
    await expect
      .poll(async () => (await readDb(second.page)).firstPullCompletedAt, { timeout: 30_000 })
      .not.toBeNull();
    const after = await readDb(second.page);
    const expected = await sandboxFirstPullIds(second.page);
    expect(expected.length).toBeGreaterThan(400);
    expect(new Set(expected).size).toBe(expected.length);
    // Same count and the same id set as the practice shop: nothing twice, nothing missing.
    expect(after.ids.length).toBe(expected.length);
    expect([...after.ids].sort()).toEqual([...expected].sort());
    expect(after.checkpoint).toBeNull();
    await expect(second.page.getByTestId('intake-last-sync')).toBeVisible();
  } finally {
    await kill(second.proc);
  }
});

test('an order cancelled upstream shows as stop-ship after the next pull', async ({ page }) => {
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  await expect(page.getByTestId('intake-last-sync')).toContainText('Synced');
  // Two plain orders to be changed upstream.
  const [cancelId, moveId] = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('open failed'));
    });
    const all = await new Promise<{ id: string; status: string; flags: string[] }[]>((resolve) => {
      const req = db.transaction('orders').objectStore('orders').getAll();
      req.onsuccess = () =>
        resolve(req.result as { id: string; status: string; flags: string[] }[]);
    });
    db.close();
    const plain = all.filter((o) => o.status === 'AWAITING_SHIPMENT' && o.flags.length === 0);
    return [plain[17]!.id, plain[18]!.id];
  });
  await admin('POST', `/__admin/orders/${cancelId}/cancel`, { reason: 'e2e: buyer changed mind' });
  await admin('POST', `/__admin/orders/${moveId}/address`, {
    address: { address_line1: '99 Moved Avenue', postal_code: '10001' },
  });

  await page.getByRole('button', { name: 'Pull now' }).click();
  await page.getByRole('button', { name: /Stop-ship/ }).click();
  const stopped = page.locator(`.queue-row[data-order-id="${cancelId}"]`);
  await expect(stopped).toBeVisible();
  await stopped.click();
  await expect(page.getByTestId('order-detail')).toContainText('STOP — do not ship');

  await page.getByRole('button', { name: /^All/ }).click();
  await page.getByRole('searchbox').fill(moveId);
  await page.getByRole('searchbox').press('Enter');
  const detail = page.getByTestId('order-detail');
  await expect(detail).toHaveAttribute('data-order-id', moveId);
  await expect(detail).toContainText('Address changed — re-check');
});

test('Settings › Shop shows the practice shop and a specific connection test result', async ({
  page,
}) => {
  await page.goto('/');
  await expect(rows(page).first()).toBeVisible();
  await page.keyboard.press('F10');
  const shop = page.getByTestId('shop-settings');
  await expect(shop.getByTestId('shop-mode')).toHaveAttribute('data-mode', 'practice');
  await expect(shop).toContainText('127.0.0.1');
  await expect(shop).toContainText('PACKBENCH_APP_KEY');
  await shop.getByRole('button', { name: 'Test connection' }).click();
  await expect(shop.getByTestId('shop-test-result')).toHaveAttribute('data-result', 'ok');
  await expect(shop).toContainText('Packbench Sandbox Shop');

  // The shop withdraws the order scope: the test names the missing permission, in Chinese too.
  await admin('POST', '/__admin/scopes', { denied: ['order'] });
  try {
    await page.getByLabel('Language').selectOption('zh-CN');
    await shop.getByRole('button', { name: '测试连接' }).click();
    await expect(shop.getByTestId('shop-test-result')).toHaveAttribute(
      'data-result',
      'missing-scope',
    );
    await expect(shop.getByTestId('shop-test-result')).toContainText('缺少权限');
  } finally {
    await admin('POST', '/__admin/scopes', { denied: [] });
    await page.getByLabel('语言').selectOption('en');
  }
});

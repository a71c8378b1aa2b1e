import { expect, test, type Page } from '@playwright/test';

/** Distinctive values, so a scan of the browser's storage can find any copy of them. */
const SECRETS = {
  appSecret: 'e2e-app-secret-Zq81x',
  accessToken: 'TTP_e2e_access_Kd72m',
  refreshToken: 'TTP_e2e_refresh_Wy55p',
};

async function openShopSettings(page: Page) {
  await page.goto('/');
  await expect(page.locator('.queue-row[data-order-id]').first()).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('F10');
  await expect(page.getByTestId('shop-connect')).toBeVisible();
}

async function fillAndConnect(page: Page, submitName: RegExp) {
  const form = page.getByTestId('shop-connect');
  await form.locator('input[name="appKey"]').fill('e2e-app-key');
  await form.locator('input[name="appSecret"]').fill(SECRETS.appSecret);
  await form.locator('input[name="accessToken"]').fill(SECRETS.accessToken);
  await form.locator('input[name="refreshToken"]').fill(SECRETS.refreshToken);
  await form.locator('input[name="shopCipher"]').fill('e2e-cipher');
  await form.getByRole('button', { name: submitName }).click();
}

/** Every record of every IndexedDB store, and all of localStorage and sessionStorage, as text. */
async function browserStorageText(page: Page): Promise<{ text: string; stores: number }> {
  return page.evaluate(async () => {
    const parts: string[] = [];
    let stores = 0;
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(info.name as string);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('open failed'));
      });
      for (const name of Array.from(db.objectStoreNames)) {
        stores += 1;
        const all = await new Promise<unknown[]>((resolve, reject) => {
          const req = db.transaction(name, 'readonly').objectStore(name).getAll();
          req.onsuccess = () => resolve(req.result as unknown[]);
          req.onerror = () => reject(req.error ?? new Error('getAll failed'));
        });
        parts.push(JSON.stringify(all));
      }
      db.close();
    }
    for (const storage of [localStorage, sessionStorage]) {
      for (let i = 0; i < storage.length; i += 1) {
        const key = storage.key(i) ?? '';
        parts.push(key, storage.getItem(key) ?? '');
      }
    }
    return { text: parts.join('\n'), stores };
  });
}

test('browser mode refuses to store shop secrets, says to use environment variables, and keeps no copy', async ({
  page,
}) => {
  await openShopSettings(page);
  await expect(page.getByTestId('shop-mode')).toHaveAttribute('data-mode', 'practice');
  await fillAndConnect(page, /^Connect$/);

  const error = page.getByTestId('shop-connect-error');
  await expect(error).toHaveAttribute('data-code', 'secure-storage-unavailable');
  await expect(error).toContainText('Secure storage is unavailable here');
  await expect(error).toContainText('environment variables');
  await expect(error).toContainText('PACKBENCH_APP_SECRET');
  // Still the practice shop; the form is empty again.
  await expect(page.getByTestId('shop-mode')).toHaveAttribute('data-mode', 'practice');
  for (const name of ['appKey', 'appSecret', 'accessToken', 'refreshToken', 'shopCipher']) {
    await expect(page.locator(`[data-testid="shop-connect"] input[name="${name}"]`)).toHaveValue(
      '',
    );
  }

  // The same in Chinese.
  await page.getByLabel('Language').selectOption('zh-CN');
  await fillAndConnect(page, /^连接$/);
  await expect(page.getByTestId('shop-connect-error')).toContainText('此处无法安全保存凭据');
  await expect(page.getByTestId('shop-connect-error')).toContainText('环境变量');

  const { text, stores } = await browserStorageText(page);
  expect(stores).toBeGreaterThan(5);
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
});

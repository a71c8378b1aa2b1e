import { describe, expect, it } from 'vitest';
import { loadProvisioning } from './provisioning';

const noFile = async (): Promise<string> => {
  throw Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
};
const FULL = {
  PACKBENCH_SHOP_BASE_URL: 'http://127.0.0.1:4318',
  PACKBENCH_APP_KEY: 'key',
  PACKBENCH_APP_SECRET: 'secret',
  PACKBENCH_ACCESS_TOKEN: 'token',
  PACKBENCH_SHOP_CIPHER: 'cipher',
};

describe('loadProvisioning', () => {
  it('means practice mode when nothing is set', async () => {
    expect(await loadProvisioning({}, noFile)).toEqual({ ok: true, value: null });
  });

  it('reads every field from the environment', async () => {
    const r = await loadProvisioning(FULL, noFile);
    expect(r).toEqual({
      ok: true,
      value: {
        baseUrl: FULL.PACKBENCH_SHOP_BASE_URL,
        appKey: 'key',
        appSecret: 'secret',
        accessToken: 'token',
        shopCipher: 'cipher',
      },
    });
  });

  it('names every missing variable', async () => {
    const r = await loadProvisioning({ PACKBENCH_APP_KEY: 'key' }, noFile);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    for (const name of [
      'PACKBENCH_APP_SECRET',
      'PACKBENCH_ACCESS_TOKEN',
      'PACKBENCH_SHOP_CIPHER',
    ]) {
      expect(r.error.message).toContain(name);
    }
  });

  it('rejects plain http to anything but a local sandbox', async () => {
    const r = await loadProvisioning(
      { ...FULL, PACKBENCH_SHOP_BASE_URL: 'http://example.com' },
      noFile,
    );
    expect(!r.ok && r.error.message).toMatch(/PACKBENCH_SHOP_BASE_URL must use https/);
  });

  it('reads a config file, with variables taking precedence', async () => {
    const file = JSON.stringify({
      appKey: 'file-key',
      appSecret: 's',
      accessToken: 't',
      shopCipher: 'c',
    });
    const r = await loadProvisioning(
      { PACKBENCH_SHOP_CONFIG: '/etc/packbench/shop.json', PACKBENCH_APP_KEY: 'env-key' },
      async () => `\uFEFF${file}`,
    );
    expect(r.ok && r.value).toMatchObject({
      appKey: 'env-key',
      appSecret: 's',
      baseUrl: 'https://open-api.tiktokglobalshop.com',
    });
  });

  it('reports an unreadable or malformed config file clearly', async () => {
    const missing = await loadProvisioning({ PACKBENCH_SHOP_CONFIG: '/nope.json' }, noFile);
    expect(!missing.ok && missing.error).toMatchObject({ code: 'config-unreadable' });
    const broken = await loadProvisioning(
      { PACKBENCH_SHOP_CONFIG: '/x.json' },
      async () => '{oops',
    );
    expect(!broken.ok && broken.error.code).toBe('invalid-provisioning');
    const extra = await loadProvisioning({ PACKBENCH_SHOP_CONFIG: '/x.json' }, async () =>
      JSON.stringify({
        appKey: 'k',
        appSecret: 's',
        accessToken: 't',
        shopCipher: 'c',
        app_secrett: 'x',
      }),
    );
    expect(!extra.ok && extra.error.message).toContain('app_secrett');
  });
});

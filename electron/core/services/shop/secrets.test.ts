import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretStore, type SafeStoragePort } from './secrets';

/** A keychain stand-in with real AES-256-GCM under a key held in memory. */
function aesPort(backend: string, available = true): SafeStoragePort {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([iv, c.getAuthTag(), body]);
    },
    decryptString(b) {
      const d = createDecipheriv('aes-256-gcm', key, b.subarray(0, 12));
      d.setAuthTag(b.subarray(12, 28));
      return Buffer.concat([d.update(b.subarray(28)), d.final()]).toString('utf8');
    },
  };
}

const SECRETS = {
  appSecret: 'app-secret-7f3a9c',
  accessToken: 'TTP_token_51d2e8',
  refreshToken: 'TTP_rt_99',
};
let dir: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(join(tmpdir(), 'pb-secrets-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function filesUnder(root: string): Promise<string[]> {
  const names = await fs.readdir(root, { recursive: true });
  return names.map((n) => join(root, n));
}

describe('createSecretStore', () => {
  it('round-trips through the keychain and writes no plaintext', async () => {
    const path = join(dir, 'nested', 'shop-secrets.bin');
    const store = createSecretStore({ safeStorage: aesPort('gnome_libsecret'), fs, path, dirname });
    expect(await store.save(SECRETS)).toEqual({ ok: true, value: null });
    for (const file of await filesUnder(dir)) {
      const stat = await fs.stat(file);
      if (!stat.isFile()) continue;
      const text = (await fs.readFile(file)).toString('latin1');
      for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
    }
    expect(await store.load()).toEqual({ ok: true, value: SECRETS });
  });

  it('refuses the basic_text backend with a clear message and writes nothing', async () => {
    const path = join(dir, 'shop-secrets.bin');
    const store = createSecretStore({ safeStorage: aesPort('basic_text'), fs, path, dirname });
    const saved = await store.save(SECRETS);
    expect(!saved.ok && saved.error.code).toBe('no-encryption');
    expect(!saved.ok && saved.error.message).toMatch(/keyring/);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('refuses when encryption is unavailable', async () => {
    const path = join(dir, 'shop-secrets.bin');
    const store = createSecretStore({ safeStorage: aesPort('kwallet5', false), fs, path, dirname });
    expect((await store.save(SECRETS)).ok).toBe(false);
    expect(await filesUnder(dir)).toEqual([]);
  });

  it('reports a file sealed under another key as corrupt, and a missing file as none', async () => {
    const path = join(dir, 'shop-secrets.bin');
    const store = createSecretStore({ safeStorage: aesPort('keychain'), fs, path, dirname });
    expect(await store.load()).toEqual({ ok: true, value: null });
    await store.save(SECRETS);
    const other = createSecretStore({ safeStorage: aesPort('keychain'), fs, path, dirname });
    const loaded = await other.load();
    expect(!loaded.ok && loaded.error.code).toBe('corrupt');
  });
});

import { describe, expect, it } from 'vitest';
import { createFakeSafeStorage, createMemoryFs } from '../core/ports/fake-secret-store';
import { createSafeStorageSecretStore, safeStoragePort, SECRETS_FILE_NAME } from './secrets';

const CREDS = {
  baseUrl: 'https://open-api.tiktokglobalshop.com',
  appKey: 'app-key-1',
  appSecret: 'app-secret-7f3a9c',
  accessToken: 'TTP_token_51d2e8',
  shopCipher: 'ROW_cipher_1',
  refreshToken: 'TTP_rt_99',
};

/** Electron's safeStorage shape; `getSelectedStorageBackend` as Electron has it on Linux. */
function electronLike(backend: string | null, available = true) {
  const port = createFakeSafeStorage(backend, available);
  let backendCalls = 0;
  const api = {
    isEncryptionAvailable: () => port.isEncryptionAvailable(),
    encryptString: (p: string) => port.encryptString(p),
    decryptString: (b: Buffer) => port.decryptString(b),
    ...(backend !== null
      ? {
          getSelectedStorageBackend: () => {
            backendCalls += 1;
            return backend;
          },
        }
      : {}),
  };
  return { api, calls: () => backendCalls };
}

describe('electron main secret store', () => {
  it('seals the whole connection in userData and reads it back; no plaintext on disk', async () => {
    const fs = createMemoryFs();
    const { api } = electronLike('gnome_libsecret');
    const store = createSafeStorageSecretStore({
      safeStorage: api,
      platform: 'linux',
      userDataDir: '/home/u/.config/Packbench',
      fs,
    });
    expect(await store.save(CREDS)).toEqual({ ok: true, value: null });
    expect([...fs.files.keys()]).toEqual([`/home/u/.config/Packbench/${SECRETS_FILE_NAME}`]);
    for (const w of fs.writes) {
      for (const secret of [CREDS.appSecret, CREDS.accessToken, CREDS.refreshToken]) {
        expect(w.data.toString('latin1')).not.toContain(secret);
      }
    }
    expect(await store.load()).toEqual({ ok: true, value: CREDS });
  });

  it('refuses basic_text on Linux and writes nothing', async () => {
    const fs = createMemoryFs();
    const store = createSafeStorageSecretStore({
      safeStorage: electronLike('basic_text').api,
      platform: 'linux',
      userDataDir: '/u',
      fs,
    });
    expect(store.check().ok).toBe(false);
    const saved = await store.save(CREDS);
    expect(saved.ok ? null : saved.error.code).toBe('no-encryption');
    expect(fs.writes).toEqual([]);
  });

  it('does not ask for the storage backend on Windows and macOS, and works without it', async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      const withFn = electronLike('basic_text');
      expect('getSelectedStorageBackend' in safeStoragePort(withFn.api, platform)).toBe(false);
      const fs = createMemoryFs();
      const store = createSafeStorageSecretStore({
        safeStorage: electronLike(null).api,
        platform,
        userDataDir: 'C:/Users/u/AppData/Roaming/Packbench',
        fs,
      });
      expect((await store.save(CREDS)).ok).toBe(true);
      expect(await store.load()).toEqual({ ok: true, value: CREDS });
      expect(withFn.calls()).toBe(0);
    }
  });

  it('refuses when the OS offers no encryption (keychain locked)', async () => {
    const fs = createMemoryFs();
    const store = createSafeStorageSecretStore({
      safeStorage: electronLike(null, false).api,
      platform: 'darwin',
      userDataDir: '/u',
      fs,
    });
    expect((await store.save(CREDS)).ok).toBe(false);
    expect(fs.files.size).toBe(0);
  });
});

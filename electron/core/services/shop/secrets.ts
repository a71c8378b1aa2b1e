import { z } from 'zod';
import { err, ok, type Result } from '#shared/utils/result';
import type { SecretStorePort } from '../../ports/secret-store';
import { ShopCredentials } from './provisioning';

/**
 * Shop secrets at rest, encrypted by the OS keychain through an injected safeStorage-like port
 * (Electron's `safeStorage` in the app; a fake in tests). Refuses to store anything when only
 * the plain-text backend exists (Linux without a keyring), and never writes plaintext.
 */
export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  /** Linux only in Electron: 'basic_text' means no keyring, i.e. no real encryption. */
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface SecretFs {
  readFile(path: string): Promise<Buffer>;
  writeFile(path: string, data: Buffer, options?: { mode?: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  rm(path: string, options: { force: true }): Promise<void>;
}

export const ShopSecrets = z.strictObject({
  /** The non-secret fields of a shop connected from Settings travel in the same sealed file. */
  baseUrl: z.string().min(1).optional(),
  appKey: z.string().min(1).optional(),
  shopCipher: z.string().min(1).optional(),
  appSecret: z.string().min(1),
  accessToken: z.string().min(1),
  refreshToken: z.string().optional(),
  accessTokenExpiresAt: z.number().int().optional(),
});
export type ShopSecrets = z.infer<typeof ShopSecrets>;

export type SecretErrorCode = 'no-encryption' | 'io-error' | 'corrupt';
export interface SecretError {
  code: SecretErrorCode;
  message: string;
}

const MAGIC = Buffer.from('PBSEC1\n', 'utf8');

export function createSecretStore(deps: {
  safeStorage: SafeStoragePort;
  fs: SecretFs;
  /** The encrypted file, e.g. `<userData>/shop-secrets.bin`. */
  path: string;
  dirname: (p: string) => string;
}) {
  function check(): Result<null, SecretError> {
    const backend = deps.safeStorage.getSelectedStorageBackend?.();
    if (backend === 'basic_text' || backend === 'unknown') {
      return err({
        code: 'no-encryption',
        message:
          'No system keyring is available (Electron reports the "basic_text" backend), so shop ' +
          'credentials cannot be stored encrypted. Install and unlock a keyring (GNOME Keyring or ' +
          'KWallet), or provision this station from environment variables.',
      });
    }
    if (!deps.safeStorage.isEncryptionAvailable()) {
      return err({
        code: 'no-encryption',
        message:
          'The operating system offers no encryption for stored secrets right now, so shop ' +
          'credentials are not saved. Unlock the system keychain and try again.',
      });
    }
    return ok(null);
  }

  return {
    check,
    async save(secrets: ShopSecrets): Promise<Result<null, SecretError>> {
      const usable = check();
      if (!usable.ok) return usable;
      const parsed = ShopSecrets.parse(secrets);
      const sealed = Buffer.concat([MAGIC, deps.safeStorage.encryptString(JSON.stringify(parsed))]);
      const tmp = `${deps.path}.tmp`;
      try {
        await deps.fs.mkdir(deps.dirname(deps.path), { recursive: true });
        await deps.fs.writeFile(tmp, sealed, { mode: 0o600 });
        await deps.fs.rename(tmp, deps.path);
        return ok(null);
      } catch (cause) {
        await deps.fs.rm(tmp, { force: true }).catch(() => undefined);
        return err({
          code: 'io-error',
          message: `Could not save shop credentials: ${String(cause)}`,
        });
      }
    },
    async load(): Promise<Result<ShopSecrets | null, SecretError>> {
      let bytes: Buffer;
      try {
        bytes = await deps.fs.readFile(deps.path);
      } catch (cause) {
        if ((cause as { code?: string }).code === 'ENOENT') return ok(null);
        return err({
          code: 'io-error',
          message: `Could not read shop credentials: ${String(cause)}`,
        });
      }
      const usable = check();
      if (!usable.ok) return usable;
      if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
        return err({
          code: 'corrupt',
          message: 'The stored shop credentials are not in a known format.',
        });
      }
      try {
        const plain = deps.safeStorage.decryptString(bytes.subarray(MAGIC.length));
        const parsed = ShopSecrets.safeParse(JSON.parse(plain));
        if (parsed.success) return ok(parsed.data);
      } catch {
        // fall through: wrong key (another user or machine) or damaged file
      }
      return err({
        code: 'corrupt',
        message:
          'The stored shop credentials cannot be decrypted on this account; connect the shop again.',
      });
    },
    async clear(): Promise<Result<null, SecretError>> {
      try {
        await deps.fs.rm(deps.path, { force: true });
        return ok(null);
      } catch (cause) {
        return err({
          code: 'io-error',
          message: `Could not remove shop credentials: ${String(cause)}`,
        });
      }
    },
  };
}
export type SecretStore = ReturnType<typeof createSecretStore>;

/** The secret store as the handlers use it: a whole shop connection, sealed in one file. */
export function createShopCredentialStore(
  deps: Parameters<typeof createSecretStore>[0],
): SecretStorePort {
  const store = createSecretStore(deps);
  return {
    check: () => store.check(),
    save: (credentials) => store.save({ ...credentials }),
    async load() {
      const loaded = await store.load();
      if (!loaded.ok || loaded.value === null) return loaded.ok ? ok(null) : loaded;
      const { accessTokenExpiresAt: _expiresAt, ...fields } = loaded.value;
      const parsed = ShopCredentials.safeParse(fields);
      if (parsed.success) return ok(parsed.data);
      return err({
        code: 'corrupt',
        message: 'The stored shop credentials are incomplete; connect the shop again.',
      });
    },
    clear: () => store.clear(),
  };
}

/**
 * Electron main's secret store: `safeStorage` (the OS keychain: DPAPI, Keychain, libsecret or
 * KWallet) sealing shop credentials into `<userData>/shop-secrets.bin`. Takes `safeStorage` as a
 * parameter so it is unit-tested without an Electron binary.
 */
import * as nodeFs from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { SecretStorePort } from '../core/ports/secret-store';
import {
  createShopCredentialStore,
  type SafeStoragePort,
  type SecretFs,
} from '../core/services/shop/secrets';

/** The part of Electron's `safeStorage` used here. */
export interface ElectronSafeStorage {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only (Electron documents it for Linux); absent or meaningless elsewhere. */
  getSelectedStorageBackend?: () => string;
}

export const SECRETS_FILE_NAME = 'shop-secrets.bin';

/**
 * Adapts `safeStorage`. The storage backend is asked on Linux only, where "basic_text" means no
 * keyring (nothing would really be encrypted); on Windows and macOS its absence is fine: the OS
 * always encrypts when `isEncryptionAvailable()` says so.
 */
export function safeStoragePort(
  safeStorage: ElectronSafeStorage,
  platform: NodeJS.Platform,
): SafeStoragePort {
  const port: SafeStoragePort = {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
  const backend = safeStorage.getSelectedStorageBackend;
  if (platform === 'linux' && typeof backend === 'function') {
    port.getSelectedStorageBackend = () => backend.call(safeStorage);
  }
  return port;
}

export function createSafeStorageSecretStore(opts: {
  safeStorage: ElectronSafeStorage;
  platform: NodeJS.Platform;
  userDataDir: string;
  fs?: SecretFs;
}): SecretStorePort {
  return createShopCredentialStore({
    safeStorage: safeStoragePort(opts.safeStorage, opts.platform),
    fs: opts.fs ?? nodeFs,
    path: join(opts.userDataDir, SECRETS_FILE_NAME),
    dirname,
  });
}

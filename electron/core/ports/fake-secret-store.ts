/**
 * Test doubles for the secret store: a keychain stand-in with real AES-256-GCM under a key held
 * in memory (its backend name and availability chosen by the test), and an in-memory file system
 * that records every file written, so tests can prove nothing was written in plaintext.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SafeStoragePort, SecretFs } from '../services/shop/secrets';

export function createFakeSafeStorage(backend: string | null, available = true): SafeStoragePort {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    ...(backend !== null ? { getSelectedStorageBackend: () => backend } : {}),
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

export interface MemoryFs extends SecretFs {
  files: Map<string, Buffer>;
  /** Every write ever made (also of files renamed or removed since). */
  writes: Array<{ path: string; data: Buffer }>;
}

export function createMemoryFs(): MemoryFs {
  const files = new Map<string, Buffer>();
  const writes: Array<{ path: string; data: Buffer }> = [];
  const enoent = (path: string) =>
    Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' as const });
  return {
    files,
    writes,
    readFile: async (path) => {
      const data = files.get(path);
      if (!data) throw enoent(path);
      return data;
    },
    writeFile: async (path, data) => {
      files.set(path, Buffer.from(data));
      writes.push({ path, data: Buffer.from(data) });
    },
    rename: async (from, to) => {
      const data = files.get(from);
      if (!data) throw enoent(from);
      files.delete(from);
      files.set(to, data);
    },
    mkdir: async () => undefined,
    rm: async (path) => {
      files.delete(path);
    },
  };
}

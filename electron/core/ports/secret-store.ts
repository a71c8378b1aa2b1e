/**
 * Shop credentials at rest, as the bridge handlers see them. Electron main supplies one backed by
 * the OS keychain (`safeStorage`); the web host has none (browser mode is for demos, tests and
 * benches: a real shop is provisioned there from environment variables). Implementations refuse
 * to store anything they cannot encrypt, and never write plaintext.
 */
import type { Result } from '#shared/utils/result';
import type { ShopCredentials } from '../services/shop/provisioning';

export interface SecretStoreError {
  /** `no-encryption`: no usable keychain (for example Linux with only the basic_text backend). */
  code: 'no-encryption' | 'io-error' | 'corrupt';
  /** For people; never contains a secret. */
  message: string;
}

export interface SecretStorePort {
  /** Whether credentials can be stored encrypted right now; writes nothing. */
  check(): Result<null, SecretStoreError>;
  save(credentials: ShopCredentials): Promise<Result<null, SecretStoreError>>;
  /** `ok(null)` when nothing is stored. */
  load(): Promise<Result<ShopCredentials | null, SecretStoreError>>;
  clear(): Promise<Result<null, SecretStoreError>>;
}

import { startSandboxShop, type SandboxShop } from '../../../sandbox-shop/server';
import type { Logger } from '../../handlers/types';
import type { SecretStorePort } from '../../ports/secret-store';
import { loadProvisioning, type ShopCredentials } from './provisioning';
import { createDefaultShopService, type ShopService } from './service';

export interface ShopConnection {
  service: ShopService;
  /** True when the embedded practice shop serves orders (no real shop provisioned or stored). */
  practice: boolean;
  /** Where the start-up connection came from. */
  source: 'provisioned' | 'stored' | 'practice';
  /** The embedded practice shop, once started (at start-up, or by `practiceCredentials`). */
  sandbox: SandboxShop | null;
  /** Credentials of the embedded practice shop, starting it on first use ("back to practice"). */
  practiceCredentials(): Promise<ShopCredentials>;
  close(): Promise<void>;
}

function credentialsOf(sandbox: SandboxShop): ShopCredentials {
  return {
    baseUrl: sandbox.baseUrl,
    appKey: sandbox.credentials.appKey,
    appSecret: sandbox.credentials.appSecret,
    accessToken: sandbox.credentials.accessToken,
    shopCipher: sandbox.credentials.shopCipher,
    ...(sandbox.credentials.refreshToken ? { refreshToken: sandbox.credentials.refreshToken } : {}),
  };
}

/**
 * Both hosts start the shop the same way: a station provisioned from the environment or a config
 * file talks to that shop; otherwise a shop connected earlier from Settings (credentials in the
 * host's secret store, Electron only); otherwise the practice shop starts embedded on 127.0.0.1
 * and the station connects to it in practice mode. Bad provisioning is an error, never a silent
 * fallback to practice (which would hide a misconfigured bench). Stored credentials that cannot be
 * read (keychain locked, file from another account) are logged and the station starts in
 * practice mode: the seller connects again from Settings.
 */
export async function startShopConnection(opts: {
  env: Readonly<Record<string, string | undefined>>;
  readFile: (path: string) => Promise<string>;
  log: Logger;
  sandbox?: Parameters<typeof startSandboxShop>[0];
  secrets?: SecretStorePort | null;
}): Promise<ShopConnection> {
  const service = createDefaultShopService();
  let sandbox: SandboxShop | null = null;
  let starting: Promise<SandboxShop> | null = null;
  const startSandbox = (): Promise<SandboxShop> => {
    starting ??= startSandboxShop({ port: 0, ...opts.sandbox }).then((s) => {
      sandbox = s;
      opts.log.info('shop: practice shop embedded', { baseUrl: s.baseUrl });
      return s;
    });
    return starting;
  };
  const connection = (source: ShopConnection['source']): ShopConnection => ({
    service,
    practice: source === 'practice',
    source,
    get sandbox() {
      return sandbox;
    },
    practiceCredentials: async () => credentialsOf(await startSandbox()),
    close: async () => {
      const s = starting ? await starting : null;
      await s?.close();
    },
  });

  const provisioned = await loadProvisioning(opts.env, opts.readFile);
  if (!provisioned.ok) throw new Error(provisioned.error.message);
  if (provisioned.value) {
    service.connect(provisioned.value, 'connected');
    opts.log.info('shop: provisioned', { host: new URL(provisioned.value.baseUrl).host });
    return connection('provisioned');
  }
  if (opts.secrets) {
    const stored = await opts.secrets.load();
    if (stored.ok && stored.value) {
      service.connect(stored.value, 'connected');
      opts.log.info('shop: connected from stored credentials', {
        host: new URL(stored.value.baseUrl).host,
      });
      return connection('stored');
    }
    if (!stored.ok) {
      opts.log.warn('shop: stored credentials not usable; practice mode', {
        code: stored.error.code,
        message: stored.error.message,
      });
    }
  }
  service.connect(credentialsOf(await startSandbox()), 'practice');
  return connection('practice');
}

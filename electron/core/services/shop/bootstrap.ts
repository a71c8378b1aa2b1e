import { startSandboxShop, type SandboxShop } from '../../../sandbox-shop/server';
import type { Logger } from '../../handlers/types';
import { loadProvisioning } from './provisioning';
import { createDefaultShopService, type ShopService } from './service';

export interface ShopConnection {
  service: ShopService;
  /** True when the embedded practice shop serves orders (no real shop provisioned). */
  practice: boolean;
  sandbox: SandboxShop | null;
  close(): Promise<void>;
}

/**
 * Both hosts start the shop the same way: a station provisioned from the environment or a config
 * file talks to that shop; otherwise the practice shop starts embedded on 127.0.0.1 and the
 * station connects to it in practice mode. Bad provisioning is an error, never a silent fallback
 * to practice (which would hide a misconfigured bench).
 */
export async function startShopConnection(opts: {
  env: Readonly<Record<string, string | undefined>>;
  readFile: (path: string) => Promise<string>;
  log: Logger;
  sandbox?: Parameters<typeof startSandboxShop>[0];
}): Promise<ShopConnection> {
  const service = createDefaultShopService();
  const provisioned = await loadProvisioning(opts.env, opts.readFile);
  if (!provisioned.ok) throw new Error(provisioned.error.message);
  if (provisioned.value) {
    service.connect(provisioned.value, 'connected');
    opts.log.info('shop: provisioned', { host: new URL(provisioned.value.baseUrl).host });
    return { service, practice: false, sandbox: null, close: async () => {} };
  }
  const sandbox = await startSandboxShop({ port: 0, ...opts.sandbox });
  service.connect(
    {
      baseUrl: sandbox.baseUrl,
      appKey: sandbox.credentials.appKey,
      appSecret: sandbox.credentials.appSecret,
      accessToken: sandbox.credentials.accessToken,
      shopCipher: sandbox.credentials.shopCipher,
      ...(sandbox.credentials.refreshToken
        ? { refreshToken: sandbox.credentials.refreshToken }
        : {}),
    },
    'practice',
  );
  opts.log.info('shop: practice shop embedded', { baseUrl: sandbox.baseUrl });
  return { service, practice: true, sandbox, close: () => sandbox.close() };
}

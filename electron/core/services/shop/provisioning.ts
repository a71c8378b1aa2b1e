import { z } from 'zod';
import { err, ok, type Result } from '#shared/utils/result';

/**
 * Provisioning a station without clicking (as IT departments set up benches): from environment
 * variables, or from a JSON file named by PACKBENCH_SHOP_CONFIG with the same fields. Variables
 * override fields from the file. Nothing set at all means practice mode.
 */
export const ENV_NAMES = {
  baseUrl: 'PACKBENCH_SHOP_BASE_URL',
  appKey: 'PACKBENCH_APP_KEY',
  appSecret: 'PACKBENCH_APP_SECRET',
  accessToken: 'PACKBENCH_ACCESS_TOKEN',
  shopCipher: 'PACKBENCH_SHOP_CIPHER',
  refreshToken: 'PACKBENCH_REFRESH_TOKEN',
  configFile: 'PACKBENCH_SHOP_CONFIG',
} as const;

const DEFAULT_BASE_URL = 'https://open-api.tiktokglobalshop.com';

export const ShopCredentials = z.strictObject({
  baseUrl: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http(s) URL such as https://open-api.tiktokglobalshop.com',
    })
    .refine(
      (u) => u.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/.test(u),
      {
        error: 'must use https (plain http is allowed only for a sandbox shop on 127.0.0.1)',
      },
    )
    .default(DEFAULT_BASE_URL),
  appKey: z.string().trim().min(1, 'is required').max(100),
  appSecret: z.string().trim().min(1, 'is required').max(200),
  accessToken: z.string().trim().min(1, 'is required').max(2000),
  shopCipher: z.string().trim().min(1, 'is required').max(200),
  refreshToken: z.string().trim().min(1).max(2000).optional(),
});
export type ShopCredentials = z.infer<typeof ShopCredentials>;

export interface ProvisionError {
  code: 'invalid-provisioning' | 'config-unreadable';
  message: string;
}

type Env = Readonly<Record<string, string | undefined>>;

function fieldLabel(key: string, fromFile: boolean): string {
  const env = ENV_NAMES[key as keyof typeof ENV_NAMES];
  return fromFile && env ? `${key} (or ${env})` : (env ?? key);
}

/**
 * Reads provisioning; `ok(null)` when none is given. `readFile` is injected (node:fs in the app).
 */
export async function loadProvisioning(
  env: Env,
  readFile: (path: string) => Promise<string>,
): Promise<Result<ShopCredentials | null, ProvisionError>> {
  let fromFile: Record<string, unknown> = {};
  const file = env[ENV_NAMES.configFile];
  if (file) {
    let text: string;
    try {
      text = await readFile(file);
    } catch (cause) {
      return err({
        code: 'config-unreadable',
        message: `${ENV_NAMES.configFile} points at ${file}, which cannot be read: ${String(cause)}`,
      });
    }
    try {
      const parsed: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
      const obj = z.record(z.string(), z.unknown()).safeParse(parsed);
      if (!obj.success) throw new Error('not a JSON object');
      fromFile = obj.data;
    } catch (cause) {
      return err({
        code: 'invalid-provisioning',
        message: `${file} is not a JSON object with shop fields: ${String(cause)}`,
      });
    }
  }
  const fromEnv: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_NAMES)) {
    const value = env[name];
    if (key !== 'configFile' && value !== undefined && value !== '') fromEnv[key] = value;
  }
  if (!file && Object.keys(fromEnv).length === 0) return ok(null);
  const merged = { ...fromFile, ...fromEnv };
  const parsed = ShopCredentials.safeParse(merged);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const key = String(i.path[0] ?? '');
      if (i.code === 'unrecognized_keys') return `unknown field(s) ${i.keys.join(', ')}`;
      return `${fieldLabel(key, Boolean(file))} ${i.message === 'Invalid input: expected string, received undefined' ? 'is required' : i.message}`;
    });
    return err({
      code: 'invalid-provisioning',
      message: `Shop provisioning is incomplete or invalid: ${problems.join('; ')}.`,
    });
  }
  return ok(parsed.data);
}

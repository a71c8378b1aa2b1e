/**
 * Inverts the practice-data id bijections (index → 16 digits, multiplier coprime with 10), so the
 * sandbox finds an order or package by id without generating every order.
 */
const MOD = 10n ** 16n;
const MUL = 1_000_003n;
const ORDER_SALT = 6_140_113_038_785n;
const PACKAGE_SALT = 2_718_281_828_459n;

function inverse(a: bigint, m: bigint): bigint {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % m) + m) % m;
}

const INV = inverse(MUL, MOD);

function indexOf(id: string, prefix: string, salt: bigint, count: number): number | null {
  if (!id.startsWith(prefix) || id.length !== prefix.length + 16) return null;
  const digits = id.slice(prefix.length);
  if (!/^\d{16}$/.test(digits)) return null;
  const value = BigInt(digits);
  const index = (((value - salt) % MOD) + MOD) % MOD;
  const result = (index * INV) % MOD;
  return result < BigInt(count) ? Number(result) : null;
}

export function orderIndexFromId(id: string, count: number): number | null {
  return indexOf(id, '57', ORDER_SALT, count);
}

export function packageIndexFromId(id: string, count: number): number | null {
  return indexOf(id, '115', PACKAGE_SALT, count);
}

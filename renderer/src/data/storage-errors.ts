/**
 * What kind of database failure an error is, for the message a packer sees. Dexie reports a full
 * disk or browser quota as `QuotaExceededError`, often as the `inner` error of an `AbortError`
 * (reliability.md §2.4: "always inspect error.inner"); a DOMException may carry it too.
 */
export type StorageFailureKind = 'quota' | 'other';

function nameOf(e: unknown): string {
  const name = (e as { name?: unknown } | null)?.name;
  return typeof name === 'string' ? name : '';
}

/** True when `cause` (or an error it wraps, at any depth) is a quota / disk-full error. */
export function isQuotaError(cause: unknown): boolean {
  const seen = new Set<unknown>();
  let e: unknown = cause;
  while (e !== null && e !== undefined && typeof e === 'object' && !seen.has(e)) {
    seen.add(e);
    if (nameOf(e) === 'QuotaExceededError') return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && /QuotaExceeded|quota exceeded/i.test(message)) return true;
    const next: unknown = (e as { inner?: unknown }).inner ?? (e as { cause?: unknown }).cause;
    e = next;
  }
  return false;
}

export function storageFailureKind(cause: unknown): StorageFailureKind {
  return isQuotaError(cause) ? 'quota' : 'other';
}

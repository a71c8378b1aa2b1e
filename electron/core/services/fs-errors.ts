/** Maps a Node file-system error to the bridge's disk error codes. */
export function diskErrorCode(cause: unknown): 'disk-full' | 'io-error' {
  const code = (cause as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' ? 'disk-full' : 'io-error';
}

export function describeFsError(cause: unknown): string {
  const e = cause as { code?: unknown; message?: unknown } | null;
  if (e?.code === 'ENOSPC' || e?.code === 'EDQUOT') {
    return 'The disk is full. Free some space; nothing was written.';
  }
  return `Could not write to disk: ${String(e?.message ?? cause)}`;
}

import { readFile, stat } from 'node:fs/promises';
import { contentType, resolveInside } from '../core/services/paths';

// The pure path rules live in core so the Electron app:// protocol shares them.
export { contentType, resolveInside };

export async function readStatic(root: string, urlPath: string) {
  const full = resolveInside(root, urlPath);
  if (!full) return null;
  try {
    const s = await stat(full);
    if (!s.isFile()) return null;
    return { path: full, body: await readFile(full), type: contentType(full) };
  } catch {
    return null;
  }
}

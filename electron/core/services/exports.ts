import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes an export file atomically (temp file, then rename) into the exports folder. A full disk
 * leaves no half-written export behind.
 */
export async function writeExport(dir: string, fileName: string, content: string) {
  await mkdir(dir, { recursive: true });
  const target = join(dir, fileName);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, content, { flush: true });
  await rename(temp, target);
  return { path: target, bytes: Buffer.byteLength(content) };
}

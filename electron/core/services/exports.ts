import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, unlink, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';

/** `orders.json` → `orders-2.json`: the n-th name tried when the file already exists. */
export function numberedName(fileName: string, n: number): string {
  if (n <= 1) return fileName;
  const ext = extname(fileName);
  return `${fileName.slice(0, fileName.length - ext.length)}-${n}${ext}`;
}

function errorCode(cause: unknown): unknown {
  return (cause as { code?: unknown } | null)?.code;
}

/**
 * Writes an export file atomically (temp file, then a hard link under its name) into the exports
 * folder, and never over an existing file: a name already taken gets `-2`, `-3`… A full disk
 * leaves no half-written export behind. Where hard links are not supported (FAT), the temp file
 * is copied with an exclusive create instead.
 */
export async function writeExport(dir: string, fileName: string, content: string) {
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `.${fileName}.${process.pid}.${randomUUID()}.tmp`);
  try {
    await writeFile(temp, content, { flush: true });
    for (let n = 1; n <= 1000; n += 1) {
      const target = join(dir, numberedName(fileName, n));
      try {
        try {
          await link(temp, target);
        } catch (cause) {
          const code = errorCode(cause);
          if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw cause;
          await copyFile(temp, target, constants.COPYFILE_EXCL);
        }
        return { path: target, bytes: Buffer.byteLength(content) };
      } catch (cause) {
        if (errorCode(cause) !== 'EEXIST') throw cause;
      }
    }
    throw new Error(`More than 1000 exports named ${fileName}: choose another name`);
  } finally {
    await unlink(temp).catch(() => undefined);
  }
}

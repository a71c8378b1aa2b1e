/**
 * Label readability checks with Debian tools: `pdfinfo` for page sizes, `pdftoppm -r <dpi>` to
 * rasterise a PDF at the printer's resolution, and `zbarimg` to decode every barcode it can find
 * on each page (poppler-utils and zbar-tools).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PT_PER_MM = 72 / 25.4;

export interface PageSizeMm {
  widthMm: number;
  heightMm: number;
}

/** Page sizes of every page, in millimetres, from `pdfinfo -f 1 -l <last>`. */
export async function pdfPageSizesMm(pdfPath: string): Promise<PageSizeMm[]> {
  const { stdout } = await run('pdfinfo', ['-f', '1', '-l', '100000', pdfPath]);
  const sizes: PageSizeMm[] = [];
  for (const m of stdout.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    sizes.push({ widthMm: Number(m[1]) / PT_PER_MM, heightMm: Number(m[2]) / PT_PER_MM });
  }
  if (sizes.length === 0) throw new Error(`pdfinfo listed no pages for ${pdfPath}:\n${stdout}`);
  return sizes;
}

/** Rasterises every page to PNG at `dpi`; returns the PNG paths in page order. */
export async function rasterizePdf(
  pdfPath: string,
  dpi: number,
  outDir: string,
): Promise<string[]> {
  await run('pdftoppm', ['-r', String(dpi), '-png', pdfPath, join(outDir, 'page')]);
  const files = (await readdir(outDir)).filter((f) => /^page-\d+\.png$/.test(f));
  const num = (f: string) => Number(/(\d+)\.png$/.exec(f)?.[1] ?? 0);
  return files.sort((a, b) => num(a) - num(b)).map((f) => join(outDir, f));
}

/** Every symbol zbarimg decodes in one image (all symbologies enabled); [] when none. */
export async function decodeImage(pngPath: string): Promise<string[]> {
  try {
    const { stdout } = await run('zbarimg', ['--raw', '-q', pngPath]);
    return stdout.split('\n').filter((l) => l.length > 0);
  } catch (cause) {
    // zbarimg exits 4 when the image holds no barcode at all.
    if ((cause as { code?: unknown }).code === 4) return [];
    throw cause;
  }
}

export interface PdfBarcodes {
  pages: PageSizeMm[];
  /** Decoded symbols per page. */
  decoded: string[][];
  /** The PNG of each page (kept for debugging until `cleanup`). */
  images: string[];
  cleanup(): Promise<void>;
}

/** Writes `pdf` to a temp dir, reads its page sizes, rasterises at `dpi` and decodes each page. */
export async function decodePdfBarcodes(pdf: Uint8Array, dpi: number): Promise<PdfBarcodes> {
  const dir = await mkdtemp(join(tmpdir(), 'pb-pdf-'));
  const pdfPath = join(dir, 'doc.pdf');
  await writeFile(pdfPath, pdf);
  const pages = await pdfPageSizesMm(pdfPath);
  const images = await rasterizePdf(pdfPath, dpi, dir);
  const decoded: string[][] = [];
  for (const img of images) decoded.push(await decodeImage(img));
  return { pages, decoded, images, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

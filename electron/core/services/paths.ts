import { extname, join, normalize, resolve, sep } from 'node:path';

/**
 * Resolves a URL path to a file inside `root`, or null. Refuses traversal (`..`, encoded or not),
 * absolute paths, NUL bytes and backslashes. Shared by the web host and the Electron `app://`
 * protocol so both serve the renderer with the same rules.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const rel = normalize(decoded).replace(/^([/]+)/, '');
  if (rel.split(/[/]/).includes('..')) return null;
  const base = resolve(root);
  const full = resolve(join(base, rel));
  if (full !== base && !full.startsWith(base + sep)) return null;
  return full;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
};

/** The Content-Type both hosts send for a renderer file. */
export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../core/security/csp';
import {
  createAppProtocolHandler,
  IPC_TOKEN,
  resolveAppRequest,
  TOKEN_PLACEHOLDER,
} from './app-protocol';

let base: string;
let root: string;
const SECRET = 'outside-the-bundle';
const INDEX_HTML = `<html><head><meta name="packbench-token" content="${TOKEN_PLACEHOLDER}" /></head></html>`;
const SCRIPT = 'console.log("app")';

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'pb-app-protocol-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX_HTML);
  await writeFile(join(root, 'assets', 'app.js'), SCRIPT);
  await writeFile(join(base, 'secret.txt'), SECRET);
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

function handler() {
  const refused: string[] = [];
  const handle = createAppProtocolHandler({
    rendererDir: root,
    readFile: (p) => readFile(p),
    onRefused: (_url, reason) => refused.push(reason),
  });
  return { handle, refused };
}

describe('resolveAppRequest', () => {
  it('maps files inside the bundle', () => {
    expect(resolveAppRequest(root, 'app://bundle/assets/app.js')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'app.js'),
    });
  });

  it.each(['app://bundle/', 'app://bundle', 'app://bundle/queue', 'app://bundle/orders/123'])(
    'serves index.html for the root and client-side route %s',
    (url) => {
      expect(resolveAppRequest(root, url)).toEqual({
        kind: 'file',
        path: join(root, 'index.html'),
      });
    },
  );

  it.each([
    ['..%2f..%2fsecret.txt', 'encoded slash traversal'],
    ['..%2Fsecret.txt', 'upper-case encoded slash'],
    ['assets%2f..%2f..%2fsecret.txt', 'traversal after a real folder'],
    ['%2e%2e%2f%2e%2e%2fsecret.txt', 'fully encoded'],
    ['..%5c..%5csecret.txt', 'encoded backslash'],
    ['%2fetc%2fpasswd', 'encoded absolute path'],
    ['/etc/passwd', 'double-slash absolute path'],
    ['C:%5cWindows%5cwin.ini', 'drive letter'],
    ['C:/Windows/win.ini', 'drive letter with slash'],
    ['index.html%00.js', 'NUL byte'],
    ['%E0%A4%A', 'broken percent-encoding'],
  ])('refuses %s (%s)', (path) => {
    const result = resolveAppRequest(root, `app://bundle/${path}`);
    expect(result.kind).toBe('refused');
  });

  it.each([
    'app://bundle/../secret.txt',
    'app://bundle/%2e%2e/secret.txt',
    'app://bundle/.%2E/secret.txt',
  ])('normalises dot segments %s so they never leave the bundle', (url) => {
    const result = resolveAppRequest(root, url);
    if (result.kind === 'file') expect(result.path.startsWith(root + sep)).toBe(true);
    expect(result).not.toEqual({ kind: 'file', path: join(base, 'secret.txt') });
  });

  it.each([
    'app://bundle.evil/index.html',
    'app://evil/index.html',
    'app://bundle:8080/index.html',
    'app://user@bundle/index.html',
    'https://bundle/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('refuses foreign scheme, host, port or credentials: %s', (url) => {
    expect(resolveAppRequest(root, url)).toMatchObject({ kind: 'refused', status: 403 });
  });
});

describe('createAppProtocolHandler', () => {
  it('serves index.html with the token placeholder replaced and the security headers', async () => {
    const { handle } = handler();
    const res = await handle(new Request('app://bundle/index.html'));
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(TOKEN_PLACEHOLDER);
    expect(body).toContain(`content="${IPC_TOKEN}"`);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers.get(name)).toBe(value);
    }
  });

  it('serves a client-side route as index.html', async () => {
    const { handle } = handler();
    const res = await handle(new Request('app://bundle/packing/session'));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(IPC_TOKEN);
  });

  it('serves assets byte for byte with their content type', async () => {
    const { handle } = handler();
    const res = await handle(new Request('app://bundle/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await res.text()).toBe(SCRIPT);
  });

  it('answers 404 for a missing asset', async () => {
    const { handle } = handler();
    const res = await handle(new Request('app://bundle/assets/missing.js'));
    expect(res.status).toBe(404);
  });

  it('never serves a file outside the bundle and reports the refusal', async () => {
    const { handle, refused } = handler();
    const res = await handle(new Request('app://bundle/..%2fsecret.txt'));
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain(SECRET);
    expect(refused).toEqual(['path traversal']);
  });

  it('refuses unknown hosts', async () => {
    const { handle } = handler();
    const res = await handle(new Request('app://bundle.evil/index.html'));
    expect(res.status).toBe(403);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const { handle } = handler();
    const res = await handle(new Request('app://bundle/index.html', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
  });
});

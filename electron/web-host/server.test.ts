import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../core/handlers/dispatch';
import { createHandlers } from '../core/handlers/index';
import { createLogger } from '../core/services/logger';
import { CSP } from '../core/security/csp';
import { startWebHost, type WebHost } from './server';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(
  port: number,
  opts: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer },
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: opts.method ?? 'GET',
        path: opts.path,
        headers: opts.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let host: WebHost;
let dataDir: string;
const logs: string[] = [];

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pb-web-'));
  dataDir = join(dir, 'data');
  const rendererDir = join(dir, 'renderer');
  await mkdir(join(rendererDir, 'assets'), { recursive: true });
  await writeFile(
    join(rendererDir, 'index.html'),
    '<meta name="packbench-token" content="__PACKBENCH_TOKEN__"><div id="root"></div>',
  );
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), 'top secret');
  const log = createLogger({ level: 'debug', sink: (l) => logs.push(l) });
  const dispatch = createDispatch(
    createHandlers({
      dataDir,
      log,
      info: {
        appName: 'Packbench',
        version: '0.0.1',
        host: 'web',
        practice: true,
        platform: 'linux',
        dataDir,
      },
    }),
    log,
  );
  host = await startWebHost({ port: 0, rendererDir, dispatch, log, token: 'test-token' });
});

afterAll(async () => {
  await host.close();
});

const good = () => ({
  host: `127.0.0.1:${host.port}`,
  origin: `http://127.0.0.1:${host.port}`,
  'content-type': 'application/json',
  'x-packbench-token': 'test-token',
});

const call = (method: string, body: unknown, headers: Record<string, string> = good()) =>
  raw(host.port, { method: 'POST', path: `/api/${method}`, headers, body: JSON.stringify(body) });

describe('web host', () => {
  it('listens on loopback only and serves the page with the token and the CSP', async () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
    const page = await raw(host.port, { path: '/', headers: { host: `127.0.0.1:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('content="test-token"');
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('serves client routes with the app shell and static files with their type', async () => {
    const route = await raw(host.port, {
      path: '/print/label/576000',
      headers: { host: `127.0.0.1:${host.port}` },
    });
    expect(route.body).toContain('id="root"');
    const js = await raw(host.port, {
      path: '/assets/app.js',
      headers: { host: `127.0.0.1:${host.port}` },
    });
    expect(js.headers['content-type']).toContain('text/javascript');
  });

  it('answers a good bridge call with a result value', async () => {
    const res = await call('app.getInfo', {});
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      ok: true,
      value: { appName: 'Packbench', host: 'web' },
    });
  });

  it('refuses a foreign Origin, and nothing runs', async () => {
    const res = await call(
      'journal.append',
      { entries: [{ id: 'x', kind: 'k', at: 1, payload: {} }] },
      { ...good(), origin: 'http://evil.example' },
    );
    expect(res.status).toBe(403);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const appended = logs.filter(
      (l) => l.includes('"method":"journal.append"') && l.includes('bridge: ok'),
    );
    expect(appended).toHaveLength(0);
  });

  it('refuses a missing Origin, a wrong token, and a cross-site fetch', async () => {
    const { origin: _o, ...noOrigin } = good();
    expect((await call('app.getInfo', {}, noOrigin)).status).toBe(403);
    expect(
      (await call('app.getInfo', {}, { ...good(), 'x-packbench-token': 'guess' })).status,
    ).toBe(403);
    const { 'x-packbench-token': _t, ...noToken } = good();
    expect((await call('app.getInfo', {}, noToken)).status).toBe(403);
    expect(
      (await call('app.getInfo', {}, { ...good(), 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
  });

  it('refuses a rebinding Host, on the page and on the bridge', async () => {
    expect(
      (await call('app.getInfo', {}, { ...good(), host: `evil.example:${host.port}` })).status,
    ).toBe(403);
    const page = await raw(host.port, { path: '/', headers: { host: 'evil.example' } });
    expect(page.status).toBe(403);
  });

  it('sends localhost visitors to the one canonical origin, and refuses bridge calls there', async () => {
    const page = await raw(host.port, {
      path: '/x?y=1',
      headers: { host: `localhost:${host.port}` },
    });
    expect(page.status).toBe(308);
    expect(page.headers.location).toBe(`http://127.0.0.1:${host.port}/x?y=1`);
    const api = await call('app.getInfo', {}, { ...good(), host: `localhost:${host.port}` });
    expect(api.status).toBe(403);
  });

  it('takes JSON bodies only, under a size cap', async () => {
    expect(
      (await call('app.getInfo', {}, { ...good(), 'content-type': 'text/plain' })).status,
    ).toBe(415);
    const big = JSON.stringify({ level: 'info', message: 'x'.repeat(10 * 1024 * 1024) });
    const res = await raw(host.port, {
      method: 'POST',
      path: '/api/app.log',
      headers: good(),
      body: big,
    });
    expect(res.status).toBe(413);
    const bad = await raw(host.port, {
      method: 'POST',
      path: '/api/app.getInfo',
      headers: good(),
      body: '{nope',
    });
    expect(bad.status).toBe(400);
  });

  it('turns bad arguments into invalid-args values and keeps running', async () => {
    const cases: unknown[] = [
      { entries: 'nope' },
      { entries: [{ id: 1 }] },
      { entries: [{ id: 'a', kind: 'k', at: Number.NaN, payload: {} }] },
      JSON.parse('{"__proto__": {"polluted": true}, "entries": []}'),
    ];
    for (const args of cases) {
      const res = await call('journal.append', args);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const unknown = await call('nope.method', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'invalid-args' } });
    expect(JSON.parse((await call('app.getInfo', {})).body)).toMatchObject({ ok: true });
  });

  it('refuses path traversal in static files', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
    ]) {
      const res = await raw(host.port, { path, headers: { host: `127.0.0.1:${host.port}` } });
      expect(res.body).not.toContain('top secret');
    }
  });

  it('appends journal entries durably', async () => {
    const res = await call('journal.append', {
      entries: [{ id: 'e1', kind: 'ship', at: 1, payload: { orderId: '57' } }],
    });
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { appended: 1 } });
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(join(dataDir, 'journal', 'outbox.jsonl'), 'utf8');
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string }),
    ).toEqual([expect.objectContaining({ id: 'e1' })]);
  });

  it('streams events only to a caller with the token', async () => {
    const refused = await raw(host.port, {
      method: 'POST',
      path: '/api/events',
      headers: {
        host: `127.0.0.1:${host.port}`,
        origin: `http://127.0.0.1:${host.port}`,
        'x-packbench-token': 'wrong',
      },
    });
    expect(refused.status).toBe(403);
  });
});

describe('renderer index.html', () => {
  it('carries the same CSP as the hosts send, plus nothing looser', async () => {
    const { readFile } = await import('node:fs/promises');
    const html = await readFile(join(import.meta.dirname, '../../renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    // frame-ancestors is ignored in <meta>, so the meta policy is the header minus that directive.
    expect(meta).toBe(CSP.replace("; frame-ancestors 'none'", ''));
  });
});

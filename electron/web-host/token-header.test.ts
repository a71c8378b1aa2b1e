import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatch } from '../core/handlers/dispatch';
import { createHandlers } from '../core/handlers/index';
import { createLogger } from '../core/services/logger';
import { startWebHost, TOKEN_HEADER, type WebHost } from './server';

/** The web host takes its per-start token from the header only, never from the URL (issue 13). */

let host: WebHost;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pb-token-'));
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir, { recursive: true });
  await writeFile(join(rendererDir, 'index.html'), '<meta content="__PACKBENCH_TOKEN__">');
  const log = createLogger({ level: 'error', sink: () => {} });
  const info = {
    appName: 'Packbench',
    version: '0.0.1',
    host: 'web' as const,
    practice: true,
    platform: 'linux',
    dataDir: dir,
  };
  const dispatch = createDispatch(createHandlers({ dataDir: join(dir, 'data'), log, info }), log);
  host = await startWebHost({ port: 0, rendererDir, dispatch, log, token: 'test-token' });
});

afterAll(async () => {
  await host.close();
});

function post(path: string, headers: Record<string, string>, body = '{}') {
  return new Promise<{ status: number; body: string; type: string }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        method: 'POST',
        path,
        headers: {
          host: `127.0.0.1:${host.port}`,
          origin: `http://127.0.0.1:${host.port}`,
          'content-type': 'application/json',
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          chunks.push(c);
          // The event stream stays open: answer once the first event has arrived.
          if (Buffer.concat(chunks).toString().includes('event:')) res.destroy();
        });
        const done = () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            type: String(res.headers['content-type'] ?? ''),
          });
        res.on('end', done);
        res.on('close', done);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('web host token', () => {
  it('refuses the token in the URL, even the right one, and even with the header too', async () => {
    const inUrl = await post('/api/app.getInfo?token=test-token', {});
    expect(inUrl.status).toBe(403);
    expect(inUrl.body).toContain('header only');
    const both = await post('/api/app.getInfo?token=test-token', { [TOKEN_HEADER]: 'test-token' });
    expect(both.status).toBe(403);
    const events = await post('/api/events?token=test-token', {});
    expect(events.status).toBe(403);
  });

  it('accepts the token in the header, for calls and for the event stream', async () => {
    const ok = await post('/api/app.getInfo', { [TOKEN_HEADER]: 'test-token' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, value: { appName: 'Packbench' } });
    const stream = post('/api/events', { [TOKEN_HEADER]: 'test-token' });
    setTimeout(() => host.emit('net.connectivityChanged', { online: false }), 100);
    const res = await stream;
    expect(res.status).toBe(200);
    expect(res.type).toContain('text/event-stream');
    expect(res.body).toContain('event: net.connectivityChanged\ndata: {"online":false}');
  });
});

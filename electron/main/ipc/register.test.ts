import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_NAMES } from '#shared/bridge/contract';
import { ok } from '#shared/utils/result';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../core/handlers/dispatch';
import { createHandlers } from '../../core/handlers/index';
import type { Logger } from '../../core/handlers/types';
import {
  checkSender,
  createEventBroadcaster,
  EVENT_CHANNEL_PREFIX,
  METHOD_CHANNEL_PREFIX,
  registerIpc,
  type Dispatch,
  type EventReceiver,
  type InvokeEventLike,
  type IpcMainLike,
} from './register';

type Listener = Parameters<IpcMainLike['handle']>[1];

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  const invoke = (channel: string, event: InvokeEventLike, args: unknown) => {
    const h = handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, args);
  };
  return { ipc, handlers, invoke };
}

function silentLog(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    debug: () => undefined,
    info: () => undefined,
    warn: (m) => void warnings.push(m),
    error: () => undefined,
  };
}

function recordingDispatch() {
  const calls: Array<[string, unknown]> = [];
  const dispatch: Dispatch = async (method, args) => {
    calls.push([method, args]);
    return ok({ echoed: method });
  };
  return { calls, dispatch };
}

const mainFrame = (url: string): InvokeEventLike => ({ senderFrame: { url, parent: null } });

describe('checkSender', () => {
  it.each([
    ['no sender frame', { senderFrame: null }],
    ['an iframe', { senderFrame: { url: 'app://bundle/index.html', parent: {} } }],
    ['a foreign https page', mainFrame('https://evil.example/')],
    ['a look-alike host', mainFrame('app://bundle.evil/index.html')],
    ['a file:// page', mainFrame('file:///home/user/evil.html')],
    ['about:blank', mainFrame('about:blank')],
    ['a data: URL', mainFrame('data:text/html,hi')],
  ])('refuses %s', (_label, event) => {
    expect(checkSender(event).ok).toBe(false);
  });

  it('accepts the main frame on app://bundle', () => {
    expect(checkSender(mainFrame('app://bundle/index.html#/queue'))).toEqual({ ok: true });
  });
});

describe('registerIpc', () => {
  it('registers exactly one pb:<method> channel per contract method', () => {
    const { ipc, handlers } = fakeIpcMain();
    registerIpc(ipc, recordingDispatch().dispatch, silentLog());
    expect([...handlers.keys()].sort()).toEqual(
      METHOD_NAMES.map((m) => METHOD_CHANNEL_PREFIX + m).sort(),
    );
  });

  it('dispatches only for the main frame on app://bundle', async () => {
    const { ipc, invoke } = fakeIpcMain();
    const { calls, dispatch } = recordingDispatch();
    const log = silentLog();
    registerIpc(ipc, dispatch, log);
    const channel = `${METHOD_CHANNEL_PREFIX}app.getInfo`;
    const bad: InvokeEventLike[] = [
      { senderFrame: null },
      { senderFrame: { url: 'app://bundle/index.html', parent: { url: 'app://bundle/' } } },
      mainFrame('https://evil.example/'),
      mainFrame('file:///tmp/x.html'),
    ];
    for (const event of bad) {
      const result = await invoke(channel, event, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(calls).toEqual([]);
    expect(log.warnings).toHaveLength(bad.length);

    const good = await invoke(channel, mainFrame('app://bundle/index.html'), { a: 1 });
    expect(good).toEqual({ ok: true, value: { echoed: 'app.getInfo' } });
    expect(calls).toEqual([['app.getInfo', { a: 1 }]]);
  });

  it('refuses to initialize twice on the same ipcMain, and can be torn down', () => {
    const { ipc, handlers } = fakeIpcMain();
    const { dispatch } = recordingDispatch();
    const unregister = registerIpc(ipc, dispatch, silentLog());
    expect(() => registerIpc(ipc, dispatch, silentLog())).toThrow(/already initialized/);
    unregister();
    expect(handlers.size).toBe(0);
    registerIpc(ipc, dispatch, silentLog());
    expect(handlers.size).toBe(METHOD_NAMES.length);
  });

  describe('with the real core handlers', () => {
    let dataDir: string;
    beforeEach(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'pb-ipc-'));
    });
    afterEach(async () => {
      await rm(dataDir, { recursive: true, force: true });
    });

    it('returns the contract results, including invalid-args from the shared dispatch', async () => {
      const { ipc, invoke } = fakeIpcMain();
      const log = silentLog();
      const info = {
        appName: 'Packbench',
        version: '0.1.0',
        host: 'electron' as const,
        practice: true,
        platform: process.platform,
        dataDir,
      };
      registerIpc(ipc, createDispatch(createHandlers({ info, dataDir, log }), log), log);
      const from = mainFrame('app://bundle/index.html');
      expect(await invoke(`${METHOD_CHANNEL_PREFIX}app.getInfo`, from, {})).toEqual({
        ok: true,
        value: info,
      });
      expect(await invoke(`${METHOD_CHANNEL_PREFIX}app.getInfo`, from, { extra: 1 })).toMatchObject(
        { ok: false, error: { code: 'invalid-args' } },
      );
    });
  });
});

describe('createEventBroadcaster', () => {
  function receiver(url: string, destroyed = false) {
    const sent: Array<[string, unknown]> = [];
    const r: EventReceiver = {
      isDestroyed: () => destroyed,
      getURL: () => url,
      send: (channel, payload) => void sent.push([channel, payload]),
    };
    return { r, sent };
  }

  it('sends pb-event:<name> to live app windows only', () => {
    const app1 = receiver('app://bundle/index.html');
    const gone = receiver('app://bundle/index.html', true);
    const foreign = receiver('https://evil.example/');
    const emit = createEventBroadcaster(() => [app1.r, gone.r, foreign.r]);
    expect(emit('net.connectivityChanged', { online: false })).toBe(1);
    expect(app1.sent).toEqual([
      [`${EVENT_CHANNEL_PREFIX}net.connectivityChanged`, { online: false }],
    ]);
    expect(gone.sent).toEqual([]);
    expect(foreign.sent).toEqual([]);
  });
});

// The two IPC adapters together, without Electron: the preload's window.packbench talks through a
// fake transport (invoke → the handler registered on a fake ipcMain, with a fake sender frame)
// to the real core handlers. This test file is the one place main-side code meets the preload.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatch } from '../../core/handlers/dispatch';
import { createHandlers } from '../../core/handlers/index';
import type { Logger } from '../../core/handlers/types';
import * as preload from '../../preload/expose';
import {
  createEventBroadcaster,
  EVENT_CHANNEL_PREFIX,
  METHOD_CHANNEL_PREFIX,
  registerIpc,
  type InvokeEventLike,
  type IpcMainLike,
} from './register';

const log: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

type MainListener = Parameters<IpcMainLike['handle']>[1];
type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** One window: a renderer-side ipc and a main-side ipcMain joined by channel name. */
function wire(frameUrl: string) {
  const mainHandlers = new Map<string, MainListener>();
  const rendererListeners = new Map<string, Set<RendererListener>>();
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void mainHandlers.set(channel, listener),
    removeHandler: (channel) => void mainHandlers.delete(channel),
  };
  const event: InvokeEventLike = { senderFrame: { url: frameUrl, parent: null } };
  const ipcRenderer: preload.IpcRendererLike = {
    invoke(channel, ...args) {
      const h = mainHandlers.get(channel);
      if (!h) return Promise.reject(new Error(`No handler registered for '${channel}'`));
      // Electron structured-clones arguments and results; JSON is close enough here.
      return h(event, JSON.parse(JSON.stringify(args[0] ?? null))).then(
        (r) => JSON.parse(JSON.stringify(r)) as unknown,
      );
    },
    on(channel, listener) {
      let set = rendererListeners.get(channel);
      if (!set) rendererListeners.set(channel, (set = new Set()));
      set.add(listener);
    },
    removeListener(channel, listener) {
      rendererListeners.get(channel)?.delete(listener);
    },
  };
  const webContents = {
    isDestroyed: () => false,
    getURL: () => frameUrl,
    send: (channel: string, payload: unknown) => {
      for (const l of rendererListeners.get(channel) ?? []) l({ sender: ipcRenderer }, payload);
    },
  };
  return { ipcMain, ipcRenderer, webContents };
}

describe('preload ↔ main over IPC', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'pb-roundtrip-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  function setUp(frameUrl: string) {
    const w = wire(frameUrl);
    const info = {
      appName: 'Packbench',
      version: '0.1.0',
      host: 'electron' as const,
      practice: true,
      platform: process.platform,
      dataDir,
    };
    registerIpc(w.ipcMain, createDispatch(createHandlers({ info, dataDir, log }), log), log);
    return { ...w, info, api: preload.createPreloadApi(w.ipcRenderer) };
  }

  it('uses the same channel prefixes on both sides', () => {
    expect(preload.METHOD_CHANNEL_PREFIX).toBe(METHOD_CHANNEL_PREFIX);
    expect(preload.EVENT_CHANNEL_PREFIX).toBe(EVENT_CHANNEL_PREFIX);
  });

  it('serves app.getInfo and journal.append end to end from app://bundle', async () => {
    const { api, info } = setUp('app://bundle/index.html');
    expect(await api.app.getInfo({})).toEqual({ ok: true, value: info });
    const entry = { id: 'e1', kind: 'ship', at: 1, payload: { orderId: 'o1' } };
    const appended = await api.journal.append({ entries: [entry] });
    expect(appended).toMatchObject({ ok: true, value: { appended: 1 } });
    const text = await readFile(join(dataDir, 'journal', 'outbox.jsonl'), 'utf8');
    expect(text).toContain('"orderId":"o1"');
  });

  it('returns forbidden, and writes nothing, for a page on another origin', async () => {
    const { api } = setUp('https://evil.example/');
    const entry = { id: 'e1', kind: 'ship', at: 1, payload: {} };
    expect(await api.journal.append({ entries: [entry] })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    await expect(readFile(join(dataDir, 'journal', 'outbox.jsonl'), 'utf8')).rejects.toThrow();
  });

  it('delivers host events to subscribers with the payload only', () => {
    const { api, webContents } = setUp('app://bundle/index.html');
    const emit = createEventBroadcaster(() => [webContents]);
    const seen: unknown[][] = [];
    const off = api.on('net.connectivityChanged', (...args: unknown[]) => void seen.push(args));
    emit('net.connectivityChanged', { online: false });
    off();
    emit('net.connectivityChanged', { online: true });
    expect(seen).toEqual([[{ online: false }]]);
  });
});

import { EVENT_NAMES, METHOD_NAMES, splitMethod, type EventName } from '#shared/bridge/contract';
import { describe, expect, it } from 'vitest';
import {
  createPreloadApi,
  EVENT_CHANNEL_PREFIX,
  exposeBridge,
  GLOBAL_NAME,
  METHOD_CHANNEL_PREFIX,
  type IpcRendererLike,
} from './expose';

type Listener = (event: unknown, ...args: unknown[]) => void;

function fakeIpcRenderer(answer: (channel: string, args: unknown) => Promise<unknown>) {
  const invoked: Array<[string, unknown[]]> = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: IpcRendererLike = {
    invoke(channel, ...args) {
      invoked.push([channel, args]);
      return answer(channel, args[0]);
    },
    on(channel, listener) {
      let set = listeners.get(channel);
      if (!set) listeners.set(channel, (set = new Set()));
      set.add(listener);
      return ipc;
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener);
      return ipc;
    },
  };
  const deliver = (channel: string, event: unknown, payload: unknown) => {
    for (const l of listeners.get(channel) ?? []) l(event, payload);
  };
  const count = () => [...listeners.values()].reduce((n, s) => n + s.size, 0);
  return { ipc, invoked, deliver, count };
}

function fakeContextBridge() {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    exposeInMainWorld(key: string, api: unknown) {
      if (exposed.has(key)) throw new Error(`already exposed: ${key}`);
      exposed.set(key, api);
    },
  };
}

/** Every function path on an object, e.g. "app.getInfo" and "on". */
function functionPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const out: string[] = [];
  for (const [key, v] of Object.entries(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof v === 'function') out.push(path);
    else out.push(...functionPaths(v, path));
  }
  return out;
}

describe('exposeBridge', () => {
  it('exposes exactly one global, window.packbench', () => {
    const bridge = fakeContextBridge();
    exposeBridge(bridge, fakeIpcRenderer(async () => null).ipc);
    expect([...bridge.exposed.keys()]).toEqual([GLOBAL_NAME]);
  });

  it('exposes one function per contract method plus `on`, and no generic invoke', () => {
    const bridge = fakeContextBridge();
    exposeBridge(bridge, fakeIpcRenderer(async () => null).ipc);
    const api = bridge.exposed.get(GLOBAL_NAME);
    expect(functionPaths(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    for (const forbidden of ['invoke', 'send', 'ipcRenderer', 'require', 'process']) {
      expect(api).not.toHaveProperty(forbidden);
    }
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('createPreloadApi', () => {
  it('calls pb:<method> with the args and returns the host result as is', async () => {
    const fake = fakeIpcRenderer(async (channel) => ({ ok: true, value: channel }));
    const api = createPreloadApi(fake.ipc);
    for (const method of METHOD_NAMES) {
      const [domain, verb] = splitMethod(method);
      const fn = (
        api as unknown as Record<string, Record<string, (a: unknown) => Promise<unknown>>>
      )[domain]?.[verb];
      expect(await fn?.({ probe: method })).toEqual({
        ok: true,
        value: METHOD_CHANNEL_PREFIX + method,
      });
    }
    expect(fake.invoked).toEqual(
      METHOD_NAMES.map((m) => [METHOD_CHANNEL_PREFIX + m, [{ probe: m }]]),
    );
  });

  it('turns a rejected invoke into an internal result value', async () => {
    const fake = fakeIpcRenderer(() => Promise.reject(new Error('No handler registered')));
    const result = await createPreloadApi(fake.ipc).app.getInfo({});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });

  it('subscribes only to contract events and unsubscribes once', () => {
    const fake = fakeIpcRenderer(async () => null);
    const api = createPreloadApi(fake.ipc);
    const seen: unknown[] = [];
    const off = api.on('net.connectivityChanged', (p) => seen.push(p));
    expect(fake.count()).toBe(1);
    fake.deliver(
      `${EVENT_CHANNEL_PREFIX}net.connectivityChanged`,
      { sender: 'ipc' },
      { online: true },
    );
    expect(seen).toEqual([{ online: true }]);
    off();
    off();
    expect(fake.count()).toBe(0);
    fake.deliver(`${EVENT_CHANNEL_PREFIX}net.connectivityChanged`, {}, { online: false });
    expect(seen).toHaveLength(1);
  });

  it('never hands the IpcRendererEvent (and its sender) to page code', () => {
    const fake = fakeIpcRenderer(async () => null);
    const api = createPreloadApi(fake.ipc);
    const args: unknown[][] = [];
    api.on('app.log', (...received: unknown[]) => void args.push(received));
    fake.deliver(
      `${EVENT_CHANNEL_PREFIX}app.log`,
      { sender: { send: () => 0 } },
      { level: 'info' },
    );
    expect(args).toEqual([[{ level: 'info' }]]);
  });

  it.each(['pb:app.getInfo', 'ipc-message', '__proto__', 'scale.weightChanged ', ''])(
    'rejects the unknown event name %j without subscribing',
    (name) => {
      const fake = fakeIpcRenderer(async () => null);
      const api = createPreloadApi(fake.ipc);
      expect(() => api.on(name as EventName, () => undefined)).toThrow(/Unknown event/);
      expect(fake.count()).toBe(0);
    },
  );

  it('accepts every event name in the contract', () => {
    const fake = fakeIpcRenderer(async () => null);
    const api = createPreloadApi(fake.ipc);
    for (const name of EVENT_NAMES) api.on(name, () => undefined);
    expect(fake.count()).toBe(EVENT_NAMES.length);
  });
});

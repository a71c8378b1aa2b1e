import {
  buildApi,
  isEventName,
  type Api,
  type EventName,
  type MethodName,
} from '#shared/bridge/contract';

// The channel prefixes are duplicated from electron/main/ipc/register.ts on purpose: the preload
// may import only the contract (STYLE.md §3). A unit test keeps the two equal.
export const METHOD_CHANNEL_PREFIX = 'pb:';
export const EVENT_CHANNEL_PREFIX = 'pb-event:';
export const GLOBAL_NAME = 'packbench';

type IpcListener = (event: unknown, ...args: unknown[]) => void;

/** The slice of `ipcRenderer` the preload uses; a fake in tests. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: IpcListener): unknown;
  removeListener(channel: string, listener: IpcListener): unknown;
}

export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

/**
 * Builds `window.packbench` from the contract: one named function per method and a typed `on`.
 * A rejected invoke (no handler, renderer torn down) becomes an `internal` result value, and
 * event listeners get the payload only, never the IpcRendererEvent (which holds `sender`).
 */
export function createPreloadApi(ipc: IpcRendererLike): Api {
  const call = async (method: MethodName, args: unknown): Promise<unknown> => {
    try {
      return await ipc.invoke(METHOD_CHANNEL_PREFIX + method, args);
    } catch (cause) {
      return {
        ok: false,
        error: { code: 'internal', message: `IPC failed for ${method}: ${String(cause)}` },
      };
    }
  };
  const on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
    if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
    const channel = EVENT_CHANNEL_PREFIX + event;
    const wrapped: IpcListener = (_event, payload) => listener(payload);
    ipc.on(channel, wrapped);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      ipc.removeListener(channel, wrapped);
    };
  };
  return buildApi(call, on) satisfies Api;
}

/** Exposes the bridge as `window.packbench`, and nothing else. */
export function exposeBridge(contextBridge: ContextBridgeLike, ipc: IpcRendererLike): Api {
  const api = createPreloadApi(ipc);
  contextBridge.exposeInMainWorld(GLOBAL_NAME, api);
  return api;
}

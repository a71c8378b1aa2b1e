/**
 * The only module that reaches the host. In Electron the preload has put `window.packbench`
 * there (IPC); in browser mode the same Api is built over HTTP to the web host that served us.
 */
import {
  buildApi,
  isEventName,
  type Api,
  type EventName,
  type MethodName,
} from '#shared/bridge/contract';

declare global {
  interface Window {
    packbench?: Api;
  }
}

const DEFAULT_TIMEOUT_MS = 15_000;

function pageToken(): string {
  const meta = document.querySelector<HTMLMetaElement>('meta[name="packbench-token"]');
  return meta?.content ?? '';
}

function unreachable(message: string) {
  return { ok: false as const, error: { code: 'host-unreachable', message } };
}

export function createHttpApi(opts: { token: string; timeoutMs?: number }): Api {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  function ensureEvents() {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`/api/events?token=${encodeURIComponent(opts.token)}`);
    for (const name of listeners.keys()) attach(name);
  }
  function attach(name: EventName) {
    source?.addEventListener(name, (e) => {
      let payload: unknown;
      try {
        payload = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const l of listeners.get(name) ?? []) l(payload);
    });
  }

  async function call(method: MethodName, args: unknown): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    try {
      const res = await fetch(`/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-packbench-token': opts.token },
        body: JSON.stringify(args ?? {}),
        signal: controller.signal,
        cache: 'no-store',
      });
      const body: unknown = await res.json().catch(() => null);
      if (body && typeof body === 'object' && 'ok' in body) return body;
      return unreachable(`The station host answered ${res.status} without a result`);
    } catch (cause) {
      return unreachable(
        controller.signal.aborted
          ? `The station host did not answer ${method} in time`
          : `The station host is not reachable (${String(cause)})`,
      );
    } finally {
      clearTimeout(timer);
    }
  }

  return buildApi(call, (event, listener) => {
    if (!isEventName(event)) return () => {};
    let set = listeners.get(event);
    if (!set) {
      set = new Set();
      listeners.set(event, set);
      attach(event);
    }
    set.add(listener);
    ensureEvents();
    return () => set.delete(listener);
  });
}

let api: Api | null = null;

/** The bridge for this page; picked once. */
export function bridge(): Api {
  api ??= window.packbench ?? createHttpApi({ token: pageToken() });
  return api;
}

export function hostKind(): 'electron' | 'web' {
  return window.packbench ? 'electron' : 'web';
}

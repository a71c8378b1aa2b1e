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

/** One server-sent event frame (`event:` and `data:` lines); null for comments and keep-alives. */
export function parseEventFrame(frame: string): { event: string; data: string } | null {
  let event = 'message';
  const data: string[] = [];
  for (const line of frame.split(/\r?\n/)) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
  }
  return data.length === 0 ? null : { event, data: data.join('\n') };
}

export function createHttpApi(opts: { token: string; timeoutMs?: number }): Api {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let streaming = false;

  function deliver(frame: string) {
    const parsed = parseEventFrame(frame);
    if (!parsed || !isEventName(parsed.event)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(parsed.data);
    } catch {
      return;
    }
    for (const l of listeners.get(parsed.event) ?? []) l(payload);
  }

  /**
   * Host events over a long POST with the token in its header (the host refuses tokens in URLs,
   * and EventSource cannot send headers). Reconnects after 3 s, as EventSource would.
   */
  function ensureEvents() {
    if (streaming || typeof fetch === 'undefined') return;
    streaming = true;
    void (async () => {
      for (;;) {
        try {
          const res = await fetch('/api/events', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-packbench-token': opts.token },
            body: '{}',
            cache: 'no-store',
          });
          if (!res.ok || !res.body) throw new Error(`events: ${res.status}`);
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            buffer += value;
            let end = buffer.indexOf('\n\n');
            while (end >= 0) {
              deliver(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
              end = buffer.indexOf('\n\n');
            }
          }
        } catch {
          // The host went away or refused: try again shortly.
        }
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      }
    })();
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

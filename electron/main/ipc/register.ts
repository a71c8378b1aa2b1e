import {
  METHOD_NAMES,
  type BridgeError,
  type EventName,
  type Events,
} from '#shared/bridge/contract';
import { err, type Result } from '#shared/utils/result';
import type { Logger } from '../../core/handlers/types';
import { isAppUrl } from '../app-origin';

export const METHOD_CHANNEL_PREFIX = 'pb:';
export const EVENT_CHANNEL_PREFIX = 'pb-event:';

/** The slice of `WebFrameMain` the sender check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The slice of `IpcMainInvokeEvent` the sender check reads. */
export interface InvokeEventLike {
  readonly senderFrame: SenderFrameLike | null;
}

/** The slice of `ipcMain` the adapter uses; a fake in tests. */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>,
  ): void;
  removeHandler(channel: string): void;
}

export type Dispatch = (method: string, args: unknown) => Promise<Result<unknown, BridgeError>>;

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Only the main frame of a page on `app://bundle` may call the bridge. An iframe, a page that
 * navigated away, file:// or a frame that is already gone are all refused (STYLE.md §4).
 */
export function checkSender(event: InvokeEventLike): SenderVerdict {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return { ok: false, reason: 'no sender frame' };
  if (frame.parent !== null) return { ok: false, reason: 'not the main frame' };
  if (!isAppUrl(frame.url)) return { ok: false, reason: 'foreign origin' };
  return { ok: true };
}

const registered = new WeakSet<IpcMainLike>();

/**
 * Registers `pb:<method>` for every contract method: sender check first, then the shared
 * dispatch. Registering twice on the same ipcMain is a bug and throws. Returns an unregister
 * function.
 */
export function registerIpc(ipcMain: IpcMainLike, dispatch: Dispatch, log: Logger): () => void {
  if (registered.has(ipcMain)) throw new Error('registerIpc: already initialized');
  registered.add(ipcMain);
  for (const method of METHOD_NAMES) {
    ipcMain.handle(METHOD_CHANNEL_PREFIX + method, async (event, args) => {
      const verdict = checkSender(event);
      if (!verdict.ok) {
        log.warn('ipc: call refused', {
          method,
          reason: verdict.reason,
          url: event.senderFrame?.url.slice(0, 200) ?? null,
        });
        return err({ code: 'forbidden', message: `Caller not allowed: ${verdict.reason}` });
      }
      return dispatch(method, args);
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(METHOD_CHANNEL_PREFIX + method);
    registered.delete(ipcMain);
  };
}

/** A webContents that can receive events; only pages on `app://bundle` get them. */
export interface EventReceiver {
  isDestroyed(): boolean;
  getURL(): string;
  send(channel: string, payload: unknown): void;
}

/** Sends a typed event to every live app window on channel `pb-event:<name>`. */
export function createEventBroadcaster(receivers: () => Iterable<EventReceiver>) {
  return function emit<E extends EventName>(event: E, payload: Events[E]): number {
    let sent = 0;
    for (const r of receivers()) {
      if (r.isDestroyed() || !isAppUrl(r.getURL())) continue;
      r.send(EVENT_CHANNEL_PREFIX + event, payload);
      sent += 1;
    }
    return sent;
  };
}

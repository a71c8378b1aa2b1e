/**
 * Scanner keys over CDP for the batch-confirm and scanner-fragment specs, with one extra: a
 * burst can be delivered in two pieces, the second only after the page has visibly handled the
 * first (`between`), while every key keeps the time it was "pressed". That is what a loaded PC
 * does to a keyboard wedge: the keys were typed 2 ms apart, the page gets some of them late.
 */
import type { CDPSession, Page } from '@playwright/test';
import { emulateKeys, type EmulateOptions } from '../../shared/logic/scan/emulate';

const VK: Record<string, number> = {
  Minus: 189,
  Equal: 187,
  BracketLeft: 219,
  BracketRight: 221,
  Backslash: 220,
  Semicolon: 186,
  Quote: 222,
  Comma: 188,
  Period: 190,
  Slash: 191,
  Backquote: 192,
  Space: 32,
  Enter: 13,
  Tab: 9,
  ShiftLeft: 16,
};

function vkFor(code: string): number {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter?.[1]) return letter[1].charCodeAt(0);
  const digit = /^Digit(\d)$/.exec(code);
  if (digit?.[1]) return digit[1].charCodeAt(0);
  return VK[code] ?? 0;
}

/** Waits until `ms` after `t0` without blocking Node's event loop (so CDP writes go out). */
async function until(t0: number, ms: number) {
  while (performance.now() - t0 < ms) await new Promise((r) => setImmediate(r));
}

export interface LateDelivery {
  /** Characters delivered on time; the rest (and the suffix) only after `between`. */
  afterChars: number;
  /** Resolves once the page has handled the first piece (an assertion on what it shows). */
  between: () => Promise<void>;
}

/**
 * Sends `text` as scanner keys, each stamped with the time it was pressed. With `late`, the
 * keys after the first `afterChars` characters are held back until `between()` resolves and then
 * sent with their original (by then past) times.
 */
export async function sendScannerKeys(
  cdp: CDPSession,
  text: string,
  opts: Partial<EmulateOptions> = {},
  late?: LateDelivery,
): Promise<void> {
  const events = emulateKeys(text, { start: 0, gapMs: 2, shiftEvents: true, ...opts });
  const t0 = performance.now();
  const epoch0 = (performance.timeOrigin + t0) / 1000;
  let chars = 0;
  let held = false;
  let sent: Promise<unknown>[] = [];
  for (const e of events) {
    const isChar = e.key !== 'Shift';
    if (late && !held && isChar && chars === late.afterChars) {
      // The first piece is out: wait for the page to show it, then deliver the rest late.
      await Promise.all(sent);
      sent = [];
      await late.between();
      held = true;
    }
    if (!held) await until(t0, e.timeStamp);
    if (isChar) chars += 1;
    const code = e.code ?? '';
    const modifiers = e.shiftKey ? 8 : 0;
    const printable = e.key.length === 1;
    const timestamp = epoch0 + e.timeStamp / 1000;
    const base = { key: e.key, code, windowsVirtualKeyCode: vkFor(code), modifiers, timestamp };
    sent.push(
      cdp.send('Input.dispatchKeyEvent', {
        type: printable || e.key === 'Enter' ? 'keyDown' : 'rawKeyDown',
        ...base,
        ...(printable ? { text: e.key, unmodifiedText: e.key } : {}),
        ...(e.key === 'Enter' ? { text: '\r', unmodifiedText: '\r' } : {}),
      }),
      cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...base }),
    );
  }
  await Promise.all(sent);
}

/** Every row of one object store of the practice database, read with raw IndexedDB. */
export async function readStore<T>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(String(r.error)));
    });
    const rows = await new Promise<unknown[]>((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).getAll();
      req.onsuccess = () => resolve(req.result as unknown[]);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

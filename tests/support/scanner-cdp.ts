/**
 * Keyboard-wedge scanner input for e2e tests: key events through CDP `Input.dispatchKeyEvent`,
 * paced and stamped by the shared scanner emulator, plus a raw read of a practice-database store.
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

/**
 * Sends key events through CDP at the emulator's times. Commands are not awaited one by one: the
 * browser stamps each key when it arrives, as the OS stamps a scanner's keys, so a busy page does
 * not stretch the gaps; every command is awaited at the end.
 */
export async function sendKeys(cdp: CDPSession, text: string, opts: Partial<EmulateOptions> = {}) {
  const events = emulateKeys(text, { start: 0, gapMs: 2, shiftEvents: true, ...opts });
  const t0 = performance.now();
  // Each key carries the time it was "pressed", as the OS stamps a scanner's keys, so a
  // stall anywhere between here and the page never stretches the gaps the app sees.
  const epoch0 = (performance.timeOrigin + t0) / 1000;
  const sent: Promise<unknown>[] = [];
  for (const e of events) {
    await until(t0, e.timeStamp);
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

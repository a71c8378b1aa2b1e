/**
 * Scanner keys over CDP, as a keyboard-wedge scanner types them: the key events of the shared
 * scanner emulator (`emulateKeys`) sent with `Input.dispatchKeyEvent` at the emulator's times (2 ms
 * apart by default), each keyDown followed by its keyUp. Every key carries the time it was
 * "pressed" (`timestamp`), as the OS stamps a scanner's keys, so a stall anywhere between here and
 * the page never stretches the gaps the app sees. Commands are not awaited one by one, only all
 * together at the end (and before a late delivery's pause).
 *
 * Used by the e2e specs and the bench; one sender, so they all type the same way.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { CDPSession } from 'playwright-core';
import { emulateKeys, type EmulateOptions } from '../../shared/logic/scan/emulate';

/** Windows virtual-key codes of the non-alphanumeric keys a scanner (or its Shift) sends. */
const VK: Readonly<Record<string, number>> = {
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

/** The Windows virtual-key code for a `KeyboardEvent.code` (0 when unknown). */
export function vkFor(code: string): number {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter?.[1]) return letter[1].charCodeAt(0);
  const digit = /^Digit(\d)$/.exec(code);
  if (digit?.[1]) return digit[1].charCodeAt(0);
  return VK[code] ?? 0;
}

/** Below this much time left, `until` yields with setImmediate instead of sleeping on a timer. */
const SPIN_MS = 2;

/**
 * Resolves once `ms` have passed since `t0` (both on `performance.now()`'s clock) without blocking
 * Node's event loop, so CDP writes go out meanwhile. It sleeps on a timer while more than ~2 ms
 * remain (timers are coarse, so not to the end), then yields with setImmediate for the rest.
 */
export async function until(t0: number, ms: number): Promise<void> {
  for (;;) {
    const left = t0 + ms - performance.now();
    if (left <= 0) return;
    if (left > SPIN_MS) await sleep(left - SPIN_MS);
    else await new Promise((resolve) => setImmediate(resolve));
  }
}

/** A burst delivered in two pieces, as a loaded PC delivers a wedge scanner's keys. */
export interface LateDelivery {
  /** Characters delivered on time; the rest (and the suffix) only after `between`. */
  afterChars: number;
  /** Resolves once the page has handled the first piece (an assertion on what it shows). */
  between: () => Promise<void>;
}

export interface ScannerKeyOptions extends Partial<Omit<EmulateOptions, 'start'>> {
  /**
   * How keys are stamped. `planned` (default): every key with its planned press time.
   * `suffix-at-send`: the suffix (Enter or Tab) with the time it is actually sent, the rest as
   * planned — for a bench that times from the Enter, so a late sender (this process descheduled)
   * is not counted as the page's latency.
   */
  timestamps?: 'planned' | 'suffix-at-send';
  /**
   * Hold back the keys after the first `afterChars` characters until `between()` resolves, then
   * send them at once with their original (by then past) times.
   */
  late?: LateDelivery;
}

export interface SentScan {
  /**
   * The longest time between sending two consecutive keys (the first measured from the start),
   * in ms: far above the gap means this process stalled mid-scan. A late delivery's pause is not
   * counted.
   */
  maxSendGapMs: number;
}

/**
 * Sends `text` as scanner keys. Defaults: 2 ms apart, Shift keydowns before shifted characters,
 * then Enter, every key stamped with its planned press time.
 */
export async function sendScannerKeys(
  cdp: CDPSession,
  text: string,
  opts: ScannerKeyOptions = {},
): Promise<SentScan> {
  const { timestamps = 'planned', late, ...emulate } = opts;
  const events = emulateKeys(text, { gapMs: 2, shiftEvents: true, ...emulate, start: 0 });
  const suffixIndex = (emulate.suffix ?? 'enter') === 'none' ? -1 : events.length - 1;
  const t0 = performance.now();
  const epoch0 = (performance.timeOrigin + t0) / 1000;
  let chars = 0;
  let held = false;
  let last = t0;
  let maxSendGapMs = 0;
  let sent: Promise<unknown>[] = [];
  for (const [i, e] of events.entries()) {
    const isChar = e.key !== 'Shift';
    if (late && !held && isChar && chars === late.afterChars) {
      // The first piece is out: wait for the page to show it, then deliver the rest late.
      await Promise.all(sent);
      sent = [];
      await late.between();
      held = true;
      last = performance.now();
    }
    if (!held) await until(t0, e.timeStamp);
    const now = performance.now();
    maxSendGapMs = Math.max(maxSendGapMs, now - last);
    last = now;
    if (isChar) chars += 1;
    const code = e.code ?? '';
    const printable = e.key.length === 1;
    const timestamp =
      timestamps === 'suffix-at-send' && i === suffixIndex
        ? (performance.timeOrigin + performance.now()) / 1000
        : epoch0 + e.timeStamp / 1000;
    const base = {
      key: e.key,
      code,
      windowsVirtualKeyCode: vkFor(code),
      modifiers: e.shiftKey ? 8 : 0,
      timestamp,
    };
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
  return { maxSendGapMs };
}

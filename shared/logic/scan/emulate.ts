/**
 * Key-event sequences exactly as a keyboard wedge (or a person) sends them: for unit tests, the
 * e2e scanner emulator and the self-test page's demo. Pure; times are given, never read.
 */
import type { KeyAction, ScanClassifier, ScanEffect } from './classifier';
import { GS, usCodeForChar, type ScanKeyEvent } from './keys';

export interface EmulateOptions {
  /** Time of the first key. */
  start: number;
  /** Gap between consecutive keys (also before the suffix). */
  gapMs: number;
  suffix?: 'enter' | 'tab' | 'none';
  targetIsEditable?: boolean;
  /** Send a Shift keydown before each shifted character, as real scanners do. */
  shiftEvents?: boolean;
  /** How GS is typed: the GroupSeparator key, Ctrl+], or a raw ASCII 29 key. */
  gs?: 'key' | 'ctrl' | 'raw';
  /** Caps Lock on: `key` has letters in inverted case, `code` and Shift are unchanged. */
  capsLock?: boolean;
  /** A Chinese IME is on: keys arrive as keyCode 229 / 'Process'. */
  ime?: boolean;
  /** The OS layout turns these characters into others (e.g. Italian: `-` → `'`). */
  layout?: Readonly<Record<string, string>>;
}

function invertCase(c: string): string {
  const up = c.toUpperCase();
  return up === c ? c.toLowerCase() : up;
}

/** The keydown events for `text`, with `\x1d` in `text` typed as the group separator. */
export function emulateKeys(text: string, opts: EmulateOptions): ScanKeyEvent[] {
  const events: ScanKeyEvent[] = [];
  const editable = opts.targetIsEditable ?? false;
  let t = opts.start;
  const base = (over: Partial<ScanKeyEvent> & { key: string }): ScanKeyEvent => ({
    timeStamp: t,
    targetIsEditable: editable,
    ...(opts.capsLock !== undefined ? { capsLock: opts.capsLock } : {}),
    ...over,
  });
  for (const char of text) {
    if (char === GS) {
      const gs = opts.gs ?? 'ctrl';
      if (gs === 'ctrl') events.push(base({ key: ']', code: 'BracketRight', ctrlKey: true }));
      else events.push(base({ key: gs === 'key' ? 'GroupSeparator' : GS }));
    } else {
      const phys = usCodeForChar(char);
      const shift = phys?.shift ?? false;
      if (shift && opts.shiftEvents) {
        events.push(base({ key: 'Shift', code: 'ShiftLeft', shiftKey: true }));
      }
      let key = opts.layout?.[char] ?? char;
      if (opts.capsLock && /^[a-z]$/i.test(key)) key = invertCase(key);
      const ime = opts.ime ?? false;
      events.push(
        base({
          key: ime ? 'Process' : key,
          ...(phys ? { code: phys.code } : {}),
          ...(ime ? { keyCode: 229, isComposing: events.length > 0 } : {}),
          shiftKey: shift,
        }),
      );
    }
    t += opts.gapMs;
  }
  const suffix = opts.suffix ?? 'enter';
  if (suffix === 'enter') events.push(base({ key: 'Enter', code: 'Enter' }));
  if (suffix === 'tab') events.push(base({ key: 'Tab', code: 'Tab' }));
  return events;
}

/** Merges event streams by time (stable), as interleaved scanner and keyboard input arrives. */
export function mergeByTime(...streams: ReadonlyArray<readonly ScanKeyEvent[]>): ScanKeyEvent[] {
  return streams.flat().sort((a, b) => a.timeStamp - b.timeStamp);
}

export interface Replay {
  /** The action for each event, in input order. */
  actions: KeyAction[];
  /** Every effect, in the order the classifier emitted it. */
  effects: ScanEffect[];
}

/**
 * Feeds `events` to a classifier the way the renderer does: `tick` runs whenever its deadline
 * falls before the next key, and once more at the end, as a timer would.
 */
export function replay(classifier: ScanClassifier, events: readonly ScanKeyEvent[]): Replay {
  const actions: KeyAction[] = [];
  const effects: ScanEffect[] = [];
  const runTimer = (until: number) => {
    let at = classifier.nextTickAt();
    while (at !== null && at <= until) {
      effects.push(...classifier.tick(at));
      const next = classifier.nextTickAt();
      at = next !== null && next > at ? next : null;
    }
  };
  for (const e of events) {
    runTimer(e.timeStamp);
    const step = classifier.keydown(e);
    actions.push(step.key);
    effects.push(...step.effects);
  }
  runTimer(Number.POSITIVE_INFINITY);
  return { actions, effects };
}

/**
 * Key events as a keyboard-wedge scanner (or a person) produces them, and their decoding.
 *
 * Two texts are decoded from every key: the character the OS layout produced (`event.key`) and
 * the character the physical key means on a US layout (`event.code` + Shift). Scanners default to
 * a US layout, so the second is immune to a mismatched OS layout (`123-356-0940` arriving as
 * `123'356'0940`), to Caps Lock, and to an IME that reports `key: 'Process'` / keyCode 229.
 */

/** ASCII 29, the GS1 group separator (FNC1 inside data). Kept as the real character in scan text. */
export const GS = '\u001d';

/** The subset of a DOM KeyboardEvent the classifier reads. Plain data, so tests need no DOM. */
export interface ScanKeyEvent {
  key: string;
  code?: string;
  keyCode?: number;
  /** `event.timeStamp`: ms on the same clock as `performance.now()`. */
  timeStamp: number;
  isComposing?: boolean;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  shiftKey?: boolean;
  /** `event.repeat`: a held-down key. Scanners never set it; auto-repeat is never a burst. */
  repeat?: boolean;
  /** `event.getModifierState('CapsLock')`, when the caller reads it. */
  capsLock?: boolean;
  /** True when the event target is an input, textarea or contenteditable. */
  targetIsEditable: boolean;
}

export type DecodedKey =
  | { type: 'modifier' }
  /** A printable character. `keyChar` is null when the key did not say (IME, dead key). */
  | { type: 'char'; keyChar: string | null; codeChar: string | null; ime: boolean }
  | { type: 'gs'; viaCtrl: boolean }
  | { type: 'terminator'; which: 'enter' | 'tab'; viaCtrl: boolean }
  /** A Ctrl/Alt/Meta combination: an app shortcut, or Alt+numpad "ASCII mode" noise. */
  | { type: 'hotkey' }
  /** A named non-printing key (Backspace, Escape, arrows, F-keys) or a raw control character. */
  | { type: 'control' };

const MODIFIERS = new Set([
  'Shift',
  'Control',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'Super',
  'Hyper',
  'Fn',
  'FnLock',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Symbol',
  'SymbolLock',
]);

const UNSHIFTED: Readonly<Record<string, string>> = {
  Minus: '-',
  Equal: '=',
  BracketLeft: '[',
  BracketRight: ']',
  Backslash: '\\',
  Semicolon: ';',
  Quote: "'",
  Comma: ',',
  Period: '.',
  Slash: '/',
  Backquote: '`',
  Space: ' ',
  NumpadDecimal: '.',
  NumpadAdd: '+',
  NumpadSubtract: '-',
  NumpadMultiply: '*',
  NumpadDivide: '/',
};

const SHIFTED: Readonly<Record<string, string>> = {
  Digit1: '!',
  Digit2: '@',
  Digit3: '#',
  Digit4: '$',
  Digit5: '%',
  Digit6: '^',
  Digit7: '&',
  Digit8: '*',
  Digit9: '(',
  Digit0: ')',
  Minus: '_',
  Equal: '+',
  BracketLeft: '{',
  BracketRight: '}',
  Backslash: '|',
  Semicolon: ':',
  Quote: '"',
  Comma: '<',
  Period: '>',
  Slash: '?',
  Backquote: '~',
  Space: ' ',
};

/** The character a physical key types on a US layout, or null when it types none. */
export function usCharForCode(code: string, shift: boolean): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter?.[1]) return shift ? letter[1] : letter[1].toLowerCase();
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(code);
  if (digit?.[1]) return shift && code.startsWith('Digit') ? (SHIFTED[code] ?? null) : digit[1];
  if (shift && !code.startsWith('Numpad')) return SHIFTED[code] ?? null;
  return UNSHIFTED[code] ?? null;
}

/** The physical US key (and Shift) that types `char`, for emulating a scanner. */
export function usCodeForChar(char: string): { code: string; shift: boolean } | null {
  if (/^[a-z]$/.test(char)) return { code: `Key${char.toUpperCase()}`, shift: false };
  if (/^[A-Z]$/.test(char)) return { code: `Key${char}`, shift: true };
  if (/^\d$/.test(char)) return { code: `Digit${char}`, shift: false };
  for (const [code, c] of Object.entries(UNSHIFTED)) {
    if (c === char && !code.startsWith('Numpad')) return { code, shift: false };
  }
  for (const [code, c] of Object.entries(SHIFTED)) {
    if (c === char) return { code, shift: true };
  }
  return null;
}

function isSingleCodePoint(s: string): boolean {
  if (s.length === 1) return true;
  if (s.length !== 2) return false;
  const hi = s.charCodeAt(0);
  return hi >= 0xd800 && hi <= 0xdbff;
}

function isControlChar(s: string): boolean {
  const c = s.codePointAt(0) ?? 0;
  return c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f);
}

/** Decodes one keydown. Pure; O(1). */
export function decodeKey(e: ScanKeyEvent): DecodedKey {
  const { key } = e;
  const code = e.code ?? '';
  const ctrl = e.ctrlKey === true;
  const alt = e.altKey === true;
  const meta = e.metaKey === true;
  const shift = e.shiftKey === true;
  if (MODIFIERS.has(key)) return { type: 'modifier' };

  // The group separator: a GroupSeparator key, a raw ASCII 29, or Ctrl+] (how wedges type it).
  if (key === 'GroupSeparator' || key === GS) return { type: 'gs', viaCtrl: false };
  if (ctrl && !alt && !meta && (key === ']' || code === 'BracketRight')) {
    return { type: 'gs', viaCtrl: true };
  }
  if (key === 'Enter' || key === '\r' || key === '\n') {
    return { type: 'terminator', which: 'enter', viaCtrl: false };
  }
  if (key === 'Tab' || key === '\t') return { type: 'terminator', which: 'tab', viaCtrl: false };
  // Ctrl+M (CR), Ctrl+J (LF) and Ctrl+I (HT): how some scanners type control characters.
  if (ctrl && !alt && !meta) {
    const lower = key.toLowerCase();
    if (lower === 'm' || lower === 'j' || code === 'KeyM' || code === 'KeyJ') {
      return { type: 'terminator', which: 'enter', viaCtrl: true };
    }
    if (lower === 'i' || code === 'KeyI') {
      return { type: 'terminator', which: 'tab', viaCtrl: true };
    }
  }

  const imeKey = e.keyCode === 229 || key === 'Process' || e.isComposing === true;
  if (imeKey) {
    const codeChar = usCharForCode(code, shift);
    return { type: 'char', keyChar: null, codeChar, ime: true };
  }
  if (key === 'Dead' || key === 'Unidentified') {
    const codeChar = usCharForCode(code, shift);
    if (codeChar === null) return { type: 'control' };
    return { type: 'char', keyChar: null, codeChar, ime: false };
  }

  if (isSingleCodePoint(key)) {
    if (isControlChar(key)) return { type: 'control' };
    // AltGr arrives as Ctrl+Alt on Windows and types a real character: keep it.
    const altGr = ctrl && alt && !meta;
    if ((ctrl || alt || meta) && !altGr) return { type: 'hotkey' };
    return { type: 'char', keyChar: key, codeChar: usCharForCode(code, shift), ime: false };
  }
  if (ctrl || alt || meta) return { type: 'hotkey' };
  return { type: 'control' };
}

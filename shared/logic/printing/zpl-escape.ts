/**
 * Field data for ZPL. Every text field is written as `^FH_^FD<data>^FS`, where <data> keeps only
 * "boring" printable ASCII literally and writes every other byte as `_XX` (hex of the UTF-8
 * byte; the label sets `^CI28`, so the printer reassembles UTF-8). That makes it impossible for
 * customer text to contain the command prefix `^`, the control prefix `~`, the hex indicator `_`
 * itself, a backslash (special inside `^FB` blocks), or any control byte: none of them ever
 * reaches the printer as a literal character.
 */

/** The hex indicator we declare with `^FH`; it is Zebra's default. */
export const HEX_INDICATOR = '_';

/** Printable ASCII that may pass through literally. */
function isLiteralSafe(codePoint: number): boolean {
  if (codePoint < 0x20 || codePoint > 0x7e) return false;
  // ^ (command prefix), ~ (control prefix), _ (hex indicator), \ (^FB escapes)
  return codePoint !== 0x5e && codePoint !== 0x7e && codePoint !== 0x5f && codePoint !== 0x5c;
}

/** UTF-8 bytes of one code point; lone surrogates become U+FFFD. */
export function utf8OfCodePoint(cp: number): number[] {
  const c = cp >= 0xd800 && cp <= 0xdfff ? 0xfffd : cp;
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 0x3f)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
}

function hexByte(byte: number): string {
  return HEX_INDICATOR + byte.toString(16).toUpperCase().padStart(2, '0');
}

/**
 * Customer text as one printable line: every run of control characters, line breaks and other
 * whitespace becomes a single space, and the ends are trimmed. Bidi controls are dropped.
 */
export function normalizeFieldText(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const isControl = cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
    const isBidiControl = (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    if (isBidiControl) continue;
    out += isControl || /\s/u.test(ch) ? ' ' : ch;
  }
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Hex-escapes text for a `^FH_^FD…^FS` field. The result is pure printable ASCII. */
export function escapeFieldData(text: string): string {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (isLiteralSafe(cp)) out += ch;
    else for (const byte of utf8OfCodePoint(cp)) out += hexByte(byte);
  }
  return out;
}

/** `^FH_^FD<escaped>^FS` for already-normalised text. */
export function fieldData(text: string): string {
  return `^FH${HEX_INDICATOR}^FD${escapeFieldData(text)}^FS`;
}

/** Decodes `_XX` escapes back to text; used by tests and the fake printer. */
export function decodeFieldData(escaped: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < escaped.length; i += 1) {
    const ch = escaped.charAt(i);
    const hex = escaped.slice(i + 1, i + 3);
    if (ch === HEX_INDICATOR && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...utf8OfCodePoint(ch.codePointAt(0) ?? 0));
    }
  }
  return decodeUtf8(bytes);
}

function decodeUtf8(bytes: readonly number[]): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need = b < 0x80 ? 0 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : -1;
    if (need < 0 || i + need >= bytes.length) {
      out += '\uFFFD';
      i += 1;
      continue;
    }
    let cp = need === 0 ? b : b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k += 1) cp = (cp << 6) | ((bytes[i + k] ?? 0) & 0x3f);
    out += String.fromCodePoint(cp);
    i += need + 1;
  }
  return out;
}

/**
 * True when the text has characters outside Latin (Basic Latin to Latin Extended-B). The
 * printer's resident scalable font 0 covers Latin; CJK, Arabic, Cyrillic, Thai and the like need
 * a downloaded TrueType font mapped with `^CW` (and Arabic needs firmware that shapes and
 * orders right-to-left text). See `zpl-waybill.ts`.
 */
export function needsUnicodeFont(text: string): boolean {
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    if (cp > 0x024f) return true;
  }
  return false;
}

/**
 * Checks a whole ZPL job before it goes to a printer: at least one `^XA…^XZ` format, and no
 * commands that would break the status exchange or the printer's setup: no `~` control command
 * other than graphic/font downloads (`~DG`, `~DY`, `~DB`, `~DU`, `~DE`), and no prefix changes
 * (`^CC`, `^CD`, `^CT`). Returns the reason it is refused, or null.
 */
export function checkJobZpl(zpl: string): string | null {
  const body = zpl.trim();
  if (!body.startsWith('^XA') || !body.endsWith('^XZ'))
    return 'A job must start with ^XA and end with ^XZ';
  const control = /~([A-Za-z]{2})/g;
  for (const m of body.matchAll(control)) {
    const cmd = (m[1] ?? '').toUpperCase();
    if (!['DG', 'DY', 'DB', 'DU', 'DE'].includes(cmd))
      return `Control command ~${cmd} is not allowed in a job`;
  }
  if (/~(?![A-Za-z]{2})/.test(body)) return 'A stray ~ is not allowed in a job';
  if (/\^C[CDT]/i.test(body)) return 'Prefix changes (^CC, ^CD, ^CT) are not allowed in a job';
  return null;
}

/** Number of label formats (`^XA`) in a job. */
export function countFormats(zpl: string): number {
  return zpl.match(/\^XA/g)?.length ?? 0;
}

/**
 * Serial scale protocols, as text lines:
 *
 * - **MT-SICS** (Mettler Toledo): `S S     123.45 g` (stable), `S D …` (dynamic), `S +` / `S -`
 *   (overload / underload), `S I` (busy, not stable in time), `ES` `ET` `EL` (errors), and the
 *   answers to `T` (tare) and `Z` (zero).
 * - **Continuous A&D-style** output of many bench scales and indicators: `ST,GS,+  1.234kg`
 *   (ST stable, US unstable, OL overload; GS gross, NT net, TR tare).
 * - **Plain continuous** output of simple Chinese bench scales: `wn0001.234kg`, `ww 12.50 g`,
 *   `+0001.234kg`, `  1.234 kg`: a number and a unit, no stability flag (the stability tracker
 *   decides from repeated readings).
 *
 * Pure: bytes in, readings out. The line splitter tolerates chunked input, CR, LF or CRLF, STX/ETX
 * framing and garbage, and never grows without bound.
 */
import { err, ok, type Result } from '../../utils/result';
import { toGrams, type ScaleReading, type ScaleUnit } from './reading';

export type SerialProtocol = 'mt-sics' | 'continuous' | 'auto';

export const SERIAL_PROTOCOLS = ['auto', 'mt-sics', 'continuous'] as const;

/** Longest line a scale sends; anything longer without a line end is noise and is dropped. */
export const MAX_LINE = 96;

export interface LineSplitter {
  /** Feeds bytes; returns the complete lines they finish (without terminators). */
  push(chunk: Uint8Array): { lines: string[]; dropped: number };
}

export function createLineSplitter(): LineSplitter {
  let pending = '';
  return {
    push(chunk) {
      const lines: string[] = [];
      let dropped = 0;
      for (const byte of chunk) {
        if (byte === 0x0d || byte === 0x0a || byte === 0x03) {
          if (pending.trim() !== '') lines.push(pending);
          pending = '';
          continue;
        }
        if (byte === 0x02) {
          pending = ''; // STX starts a frame
          continue;
        }
        if (byte < 0x20 || byte > 0x7e) continue; // other control bytes and non-ASCII noise
        pending += String.fromCharCode(byte);
        if (pending.length > MAX_LINE) {
          pending = '';
          dropped += 1;
        }
      }
      return { lines, dropped };
    },
  };
}

export type SerialLine =
  | { kind: 'reading'; reading: ScaleReading }
  /** An acknowledgement of a command: tare or zero done, or refused. */
  | { kind: 'ack'; command: 'tare' | 'zero'; done: boolean; detail: string }
  /** MT-SICS `ES`/`ET`/`EL` or `S I`: the scale refused a command. */
  | { kind: 'refused'; detail: string };

export type SerialParseError = { code: 'unrecognised'; line: string };

const UNIT_TEXT: Record<string, ScaleUnit> = {
  g: 'g',
  kg: 'kg',
  mg: 'mg',
  lb: 'lb',
  lbs: 'lb',
  oz: 'oz',
  ozt: 'ozt',
  ct: 'ct',
  dwt: 'dwt',
  gn: 'gr',
  gr: 'gr',
  tl: 'tael',
};

function unitOf(text: string): ScaleUnit | null {
  return UNIT_TEXT[text.trim().toLowerCase()] ?? null;
}

/** `+  1.234`, `-0.56`, `0001.20`: a signed decimal with spaces between sign and digits. */
function numberOf(text: string): number | null {
  const m = /^([+-]?)\s*(\d+(?:\.\d*)?|\.\d+)$/.exec(text.trim());
  if (!m) return null;
  const n = Number(m[2]);
  if (!Number.isFinite(n)) return null;
  return m[1] === '-' ? -n : n;
}

function weight(value: number, unit: ScaleUnit, stable: boolean, net: boolean): ScaleReading {
  const grams = toGrams(value, unit);
  if (grams < 0) return { kind: 'under-zero' };
  return { kind: 'weight', grams, stable, unit, net };
}

function parseMtSics(line: string): SerialLine | null {
  const t = line.trim();
  if (t === 'ES' || t === 'ET' || t === 'EL') return { kind: 'refused', detail: t };
  // S/SI/SIR answers: "S S     123.45 g"
  let m = /^S\s+([SDI+-])(?:\s+(.*?)\s+(\S+))?$/.exec(t);
  if (m) {
    const flag = m[1];
    if (flag === '+') return { kind: 'reading', reading: { kind: 'overload' } };
    if (flag === '-') return { kind: 'reading', reading: { kind: 'under-zero' } };
    if (flag === 'I') return { kind: 'refused', detail: 'S I' };
    const value = m[2] === undefined ? null : numberOf(m[2]);
    const unit = m[3] === undefined ? null : unitOf(m[3]);
    if (value === null || unit === null) return null;
    return { kind: 'reading', reading: weight(value, unit, flag === 'S', false) };
  }
  // Tare: "T S   100.00 g", "T I", "T +", "T -"; zero: "Z A", "Z I", "Z +", "Z -".
  m = /^([TZ])I?\s+([SAID+-])(?:\s+.*)?$/.exec(t);
  if (m) {
    const command = m[1] === 'T' ? 'tare' : 'zero';
    const done = m[2] === 'S' || m[2] === 'A' || m[2] === 'D';
    return { kind: 'ack', command, done, detail: t };
  }
  return null;
}

function parseContinuous(line: string): SerialLine | null {
  const t = line.trim();
  // A&D style: ST,GS,+  1.234kg  /  US,NT,-0.010 kg  /  OL,GS,+9999999 kg
  let m = /^(ST|US|OL|QT|WT)\s*,\s*(GS|NT|TR|G|N|T)\s*,\s*(.*?)\s*([a-zA-Z]{1,3})?$/.exec(t);
  if (m) {
    const header = m[1];
    if (header === 'OL') return { kind: 'reading', reading: { kind: 'overload' } };
    if (header === 'QT') return null; // piece counts are not weights
    const value = numberOf(m[3] ?? '');
    const unit = m[4] === undefined ? 'g' : unitOf(m[4]);
    if (value === null || unit === null) return null;
    const net = m[2] === 'NT' || m[2] === 'N';
    return { kind: 'reading', reading: weight(value, unit, header === 'ST', net) };
  }
  // Plain: optional ww/wn/gs/nt prefix, a number, a unit.
  m = /^(?:(ww|wn|gs|nt|w|n|g)\s*[:=]?\s*)?([+-]?\s*\d+(?:\.\d*)?)\s*([a-zA-Z]{1,3})$/i.exec(t);
  if (m) {
    const value = numberOf(m[2] ?? '');
    const unit = unitOf(m[3] ?? '');
    if (value === null || unit === null) return null;
    const prefix = (m[1] ?? '').toLowerCase();
    // No stability flag in these formats: the tracker decides.
    return {
      kind: 'reading',
      reading: weight(value, unit, false, prefix === 'wn' || prefix === 'nt' || prefix === 'n'),
    };
  }
  // Overload words some scales print instead of a number.
  if (/^(?:[+-]?\s*)?(?:OL|OVER|OVERLOAD|-{3,}|\^{3,})$/i.test(t)) {
    return { kind: 'reading', reading: { kind: 'overload' } };
  }
  return null;
}

/** One line of scale output. `auto` tries MT-SICS first (its lines are unambiguous). */
export function parseScaleLine(
  line: string,
  protocol: SerialProtocol,
): Result<SerialLine, SerialParseError> {
  const parsed =
    protocol === 'mt-sics'
      ? parseMtSics(line)
      : protocol === 'continuous'
        ? parseContinuous(line)
        : (parseMtSics(line) ?? parseContinuous(line));
  return parsed ? ok(parsed) : err({ code: 'unrecognised', line });
}

/** The command bytes for a protocol; null when the protocol has no such command. */
export function scaleCommand(
  protocol: SerialProtocol,
  command: 'tare' | 'zero' | 'stream' | 'read',
): string | null {
  if (protocol === 'continuous') return null; // these scales only talk
  switch (command) {
    case 'tare':
      return 'T\r\n';
    case 'zero':
      return 'Z\r\n';
    case 'stream':
      return 'SIR\r\n'; // weight immediately, repeated
    case 'read':
      return 'SI\r\n';
  }
}

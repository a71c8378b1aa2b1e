/**
 * Zebra `~HS` (host status return). The printer answers with three strings, each framed as
 * `<STX>…<ETX><CR><LF>` (ZPL II Programming Guide, `~HS`):
 *
 *   1: aaa,b,c,dddd,eee,f,g,h,iii,j,k,l
 *      interface settings, paper out, pause, label length (dots), formats in receive buffer,
 *      buffer full, comms diagnostic mode, partial format, unused, corrupt RAM, under
 *      temperature, over temperature
 *   2: mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www
 *      function settings, unused, head up, ribbon out, thermal transfer, print mode, print width
 *      mode, label waiting (peel-off), labels remaining in batch, format while printing, graphic
 *      images stored
 *   3: xxxx,y  password, static RAM installed (the password is not kept)
 *
 * Note from the same guide: newer firmware sends no answer at all while media is out, the ribbon
 * is out or the head is open, so a missing answer is itself a reason to stop.
 */
import { err, ok, type Result } from '../../utils/result';

export const STX = '\u0002';
export const ETX = '\u0003';

export const PRINT_MODES: Record<string, string> = {
  '0': 'rewind',
  '1': 'peel-off',
  '2': 'tear-off',
  '3': 'cutter',
  '4': 'applicator',
  '5': 'delayed-cut',
  '6': 'linerless-peel',
  '7': 'linerless-rewind',
  '8': 'partial-cutter',
  '9': 'rfid',
  K: 'kiosk',
};

export interface HostStatus {
  paperOut: boolean;
  paused: boolean;
  labelLengthDots: number;
  formatsInBuffer: number;
  bufferFull: boolean;
  diagnosticMode: boolean;
  partialFormat: boolean;
  corruptRam: boolean;
  underTemperature: boolean;
  overTemperature: boolean;
  headUp: boolean;
  ribbonOut: boolean;
  thermalTransfer: boolean;
  printMode: string;
  labelWaiting: boolean;
  labelsRemaining: number;
  graphicsStored: number;
}

/** Reasons the station refuses to send a job. */
export type StatusProblem = 'head-open' | 'paper-out' | 'ribbon-out' | 'paused';

export interface MalformedStatus {
  code: 'malformed-status';
  message: string;
}

/** The three frames once all have arrived; null while the answer is incomplete. */
export function extractStatusFrames(received: string): string[] | null {
  const frames: string[] = [];
  let from = 0;
  while (frames.length < 3) {
    const start = received.indexOf(STX, from);
    if (start < 0) return null;
    const end = received.indexOf(ETX, start + 1);
    if (end < 0) return null;
    frames.push(received.slice(start + 1, end));
    from = end + 1;
  }
  return frames;
}

function flag(value: string | undefined, name: string): Result<boolean, MalformedStatus> {
  if (value === '0') return ok(false);
  if (value === '1') return ok(true);
  return err({ code: 'malformed-status', message: `${name}: expected 0 or 1, got "${value}"` });
}

function count(value: string | undefined, name: string): Result<number, MalformedStatus> {
  if (value !== undefined && /^\d{1,10}$/.test(value)) return ok(Number(value));
  return err({ code: 'malformed-status', message: `${name}: expected digits, got "${value}"` });
}

/** Parses a raw `~HS` answer (the bytes read from the socket, as latin1 text). */
export function parseHostStatus(raw: string): Result<HostStatus, MalformedStatus> {
  const frames = extractStatusFrames(raw);
  if (frames === null) {
    return err({ code: 'malformed-status', message: 'Expected three <STX>…<ETX> strings' });
  }
  const s1 = (frames[0] ?? '').split(',').map((v) => v.trim());
  const s2 = (frames[1] ?? '').split(',').map((v) => v.trim());
  if (s1.length < 12 || s2.length < 11) {
    return err({
      code: 'malformed-status',
      message: `Expected 12 and 11 fields, got ${s1.length} and ${s2.length}`,
    });
  }
  const parts = {
    paperOut: flag(s1[1], 'paper out'),
    paused: flag(s1[2], 'pause'),
    labelLengthDots: count(s1[3], 'label length'),
    formatsInBuffer: count(s1[4], 'formats in buffer'),
    bufferFull: flag(s1[5], 'buffer full'),
    diagnosticMode: flag(s1[6], 'diagnostic mode'),
    partialFormat: flag(s1[7], 'partial format'),
    corruptRam: flag(s1[9], 'corrupt RAM'),
    underTemperature: flag(s1[10], 'under temperature'),
    overTemperature: flag(s1[11], 'over temperature'),
    headUp: flag(s2[2], 'head up'),
    ribbonOut: flag(s2[3], 'ribbon out'),
    thermalTransfer: flag(s2[4], 'thermal transfer'),
    labelWaiting: flag(s2[7], 'label waiting'),
    labelsRemaining: count(s2[8], 'labels remaining'),
    graphicsStored: count(s2[10], 'graphics stored'),
  };
  const values: Record<string, boolean | number> = {};
  for (const [key, r] of Object.entries(parts)) {
    if (!r.ok) return r;
    values[key] = r.value;
  }
  const modeCode = s2[5] ?? '';
  return ok({
    ...(values as Omit<HostStatus, 'printMode'>),
    printMode: PRINT_MODES[modeCode.toUpperCase()] ?? `unknown(${modeCode.slice(0, 4)})`,
  });
}

/** The first reason not to print, most physical first; null when the printer can take a job. */
export function statusProblem(status: HostStatus): StatusProblem | null {
  if (status.headUp) return 'head-open';
  if (status.paperOut) return 'paper-out';
  if (status.ribbonOut) return 'ribbon-out';
  if (status.paused) return 'paused';
  return null;
}

export const PROBLEM_MESSAGES: Record<StatusProblem, string> = {
  'head-open': 'The printer head is open. Close it, then print again.',
  'paper-out': 'The printer is out of labels. Load labels, then print again.',
  'ribbon-out': 'The printer ribbon is out. Replace it, then print again.',
  paused: 'The printer is paused. Press the pause button to resume, then print again.',
};

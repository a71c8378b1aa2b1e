/**
 * Keyboard-wedge scan classifier: an incremental state machine fed keydown events. It tells
 * scanner bursts from human typing by inter-key timing, without a clock of its own: every input
 * carries its time, and the caller runs one timer that calls `tick(now)` at `nextTickAt()`.
 *
 * ## Decision: hold the first characters, then release or scan
 * A burst cannot be told from typing until `minLength` keys have arrived, each within `maxGapMs`
 * of the one before. Until then every printable key is **held**: the caller calls
 * `preventDefault()` and the character is buffered here. Then either
 * - the run reaches `minLength`: it is a scan; the rest of it is held too and the terminator
 *   (Enter/Tab) is **swallowed**; a `scan` effect is emitted when it ends; or
 * - a gap longer than `maxGapMs` follows (seen at the next key or at `tick`): a `release` effect
 *   hands the held characters back, and the caller inserts them where the person was typing
 *   (`editable` says whether that was a text field). Human typing is delayed by ~`maxGapMs`.
 * Holding rather than letting characters through and deleting them afterwards means a scan never
 * reaches a search box, so a controlled input never sees (or searches for) half a barcode.
 *
 * IME exception: in a text field, a key reported as IME input (keyCode 229, `Process`,
 * `isComposing`) starts a **pass-through** run: keys go to the IME untouched so Chinese input
 * keeps working. If the run turns out to be a burst, the rest is held and the scan reports
 * `leaked` (how many characters went to the field; the caller removes them or cancels the
 * composition) and `ime: true` (show "switch to English input"). Characters are decoded from
 * `event.code`, so the IME does not eat the scan.
 *
 * Other rules: modifier keys are ignored; auto-repeated keys (`event.repeat`) never join a run; Ctrl/Alt/Meta shortcuts pass when no burst is running
 * and are dropped inside one (Alt+numpad noise); named keys inside a burst are dropped and counted;
 * a terminator inside a short run releases the run and passes; a burst that ends in silence
 * completes as a no-suffix scan after `suffixWaitMs`; a terminator arriving within `lateSuffixMs`
 * of such a scan is swallowed; an identical scan within `dedupeMs` is reported as a duplicate.
 *
 * ## Fragments: a burst delivered in pieces is reported, never dropped
 * Keys carry the time they were pressed, but on a loaded PC they can reach the page late, after
 * the silence timer (`tick`) has already ended the run. Two things then went wrong silently: a
 * piece shorter than `minLength` was released as "typing" (outside a text field that means
 * re-dispatched to shortcuts, i.e. gone), and the rest of the burst started a run of its own.
 * Now:
 * - **short fragment**: outside a text field, a run of two or more keys, each within `maxGapMs`
 *   of the one before (scanner speed), that ends in silence or with a terminator before reaching
 *   `minLength` is a `fragment` effect (`reason: 'short'`), not typing. In a text field it is
 *   still released into the field (typing at any speed keeps working, and the characters stay
 *   visible there).
 * - **split burst**: a key pressed within `maxGapMs` of the last key of a run that `tick` ended
 *   belongs to that run, so the run that key starts is a continuation. When it ends it is a
 *   `fragment` (`reason: 'split'`) whose text is everything received, the earlier piece
 *   included, in or out of a text field, and never a scan. That needs the earlier piece to
 *   have looked like a scanner (a scan or a fragment), or the new run to look like one itself
 *   (a burst, or a short fragment); a first gap that is an outlier (a person's key next to a
 *   burst, as `splitOutliers` judges it) keeps the two apart. Typing in a text field is never
 *   taken for a continuation unless the piece before it was scanner input.
 * The caller shows a fragment as "scan not understood, scan again" with its text, and counts
 * nothing. An earlier piece long enough to be a scan was already reported as one: when it was
 * itself a valid code it has been acted on, which timing alone cannot undo.
 */
import { decodeKey, GS, type DecodedKey, type ScanKeyEvent } from './keys';

export interface ScanClassifierConfig {
  /** Longest gap between two keys of one burst. Scanners: 1–15 ms; people: 80–300 ms. */
  maxGapMs: number;
  /** Fewest characters that make a burst a scan. */
  minLength: number;
  /** How long a burst waits for Enter/Tab before it completes as a no-suffix scan. */
  suffixWaitMs: number;
  /** A terminator this soon after a no-suffix scan belongs to it and is swallowed. */
  lateSuffixMs: number;
  /** Longest accepted scan; longer bursts are discarded whole. */
  maxLength: number;
  /** The same text again within this many ms is a double read, not a second unit. 0 = off. */
  dedupeMs: number;
  /** Split one human key off either end of a burst when its gap is an outlier. */
  splitOutliers: boolean;
}

export const DEFAULT_SCAN_CONFIG: Readonly<ScanClassifierConfig> = {
  maxGapMs: 40,
  minLength: 4,
  suffixWaitMs: 60,
  lateSuffixMs: 150,
  maxLength: 256,
  dedupeMs: 150,
  splitOutliers: true,
};

export type ScanTerminator = 'enter' | 'tab' | 'idle';

/** One completed scan, before normalisation and parsing. */
export interface RawScan {
  /** Decoded from `event.key` (what the OS layout typed); GS is the real ASCII 29 character. */
  text: string;
  /** Decoded from `event.code` on a US layout; null when any key lacked a usable code. */
  codeText: string | null;
  terminator: ScanTerminator;
  startedAt: number;
  endedAt: number;
  /** Largest gap seen between two characters of the scan. */
  maxGapMs: number;
  /** An IME reported some keys (keyCode 229): warn the packer to switch to English input. */
  ime: boolean;
  /** Caps Lock was on during the burst (when the caller reports it). */
  capsLock: boolean;
  /** Characters that no decoding could recover. */
  lostChars: number;
  /** Control keys dropped from inside the burst. */
  droppedControls: number;
  /** Characters that reached the text field before the burst was known (IME pass-through). */
  leaked: number;
  /** The burst started while a text field had focus. */
  editable: boolean;
}

/** Characters a scanner sent that make no whole scan: show them, ask for a rescan, count nothing. */
export interface ScanFragment {
  /** Everything received, in order (for `split`, the earlier piece included). */
  text: string;
  /** `short`: too few characters for a scan; `split`: the rest of a burst ended early. */
  reason: 'short' | 'split';
  terminator: ScanTerminator;
  startedAt: number;
  endedAt: number;
  /** The piece before a split was itself reported as a scan (it may have been acted on). */
  afterScan: boolean;
  editable: boolean;
}

export type ScanEffect =
  | { kind: 'scan'; scan: RawScan }
  | { kind: 'fragment'; fragment: ScanFragment }
  /** Held characters were typing: insert them where the person typed. */
  | { kind: 'release'; text: string; editable: boolean }
  | { kind: 'duplicate'; text: string; at: number }
  | { kind: 'discarded'; text: string; reason: 'blur' | 'overflow' };

/** What to do with the current event: `pass` = default action; `hold`/`swallow` = preventDefault. */
export type KeyAction = 'pass' | 'hold' | 'swallow';

export interface StepResult {
  key: KeyAction;
  effects: readonly ScanEffect[];
}

export interface ClassifierStatus {
  mode: 'idle' | 'pending' | 'burst';
  length: number;
}

export interface ScanClassifier {
  keydown(e: ScanKeyEvent): StepResult;
  /** Completes a run that has gone quiet. Call at `nextTickAt()` (same clock as timeStamp). */
  tick(now: number): readonly ScanEffect[];
  /** When `tick` next has something to do, or null when idle. */
  nextTickAt(): number | null;
  /** Window lost focus: a partial burst is discarded, typed characters are released. */
  blur(): readonly ScanEffect[];
  status(): ClassifierStatus;
}

interface Held {
  keyChar: string | null;
  codeChar: string | null;
  t: number;
}

/** A run the silence timer ended: the next key may still belong to it (late delivery). */
interface Ended {
  lastT: number;
  /** Everything the run received. */
  text: string;
  /** It was reported as a scan, a duplicate or a fragment (not released as typing). */
  scanLike: boolean;
  afterScan: boolean;
  /** Median gap between its keys, or null with fewer than two keys. */
  medianGap: number | null;
}

interface Continues {
  from: Ended;
  /** From the last key of the ended run to the first key of this one. */
  gap: number;
}

interface Run {
  held: Held[];
  mode: 'hold' | 'pass';
  /** The run follows one the timer ended, within `maxGapMs`: it may be the rest of it. */
  continues: Continues | null;
  editable: boolean;
  leaked: number;
  dropped: number;
  ime: boolean;
  capsLock: boolean;
  overflow: boolean;
  lastT: number;
}

const NONE: readonly ScanEffect[] = Object.freeze([]);
const OUTLIER_FACTOR = 4;
const OUTLIER_MIN_MS = 12;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function keyText(held: readonly Held[]): string {
  let s = '';
  for (const h of held) s += h.keyChar ?? h.codeChar ?? '';
  return s;
}

function gapsOf(held: readonly Held[]): number[] {
  return held.slice(1).map((h, i) => h.t - (held[i]?.t ?? h.t));
}

export function createScanClassifier(config: Partial<ScanClassifierConfig> = {}): ScanClassifier {
  const cfg: ScanClassifierConfig = { ...DEFAULT_SCAN_CONFIG, ...config };
  let run: Run | null = null;
  let lateSuffixFrom: number | null = null;
  let lastScan: { text: string; endedAt: number } | null = null;
  /** The run the timer ended last, while a key of it may still be on its way. */
  let ended: Ended | null = null;

  const isBurst = (r: Run) => r.overflow || r.held.length >= cfg.minLength;

  /** The run is the rest of a burst the timer cut short (see "Fragments" above). */
  function isContinuation(r: Run): boolean {
    const c = r.continues;
    if (!c || r.overflow) return false;
    // After a piece released as typing, only a run that is no typing itself continues it.
    if (!c.from.scanLike && !isBurst(r) && !isShortFragment(r)) return false;
    const ref = c.from.medianGap ?? (r.held.length >= 2 ? median(gapsOf(r.held)) : null);
    if (ref === null) return false;
    const outlier = c.gap >= OUTLIER_MIN_MS && c.gap >= ref * OUTLIER_FACTOR;
    return !outlier;
  }

  /** The run is read as scanner input (held to the end, terminator swallowed), not typing. */
  function isScanLike(r: Run): boolean {
    return isBurst(r) || (r.continues?.from.scanLike === true && isContinuation(r));
  }

  /** A short run at scanner speed outside a text field: a fragment, not typing. */
  function isShortFragment(r: Run): boolean {
    return !r.editable && r.mode === 'hold' && r.held.length >= 2 && !isBurst(r);
  }

  function newRun(editable: boolean, mode: Run['mode'], t: number): Run {
    return {
      held: [],
      mode,
      continues: null,
      editable,
      leaked: 0,
      dropped: 0,
      ime: false,
      capsLock: false,
      overflow: false,
      lastT: t,
    };
  }

  function release(r: Run, held: readonly Held[], out: ScanEffect[]): void {
    // Pass-through characters are already in the field; only held ones go back.
    if (r.mode === 'hold' && held.length > 0) {
      out.push({ kind: 'release', text: keyText(held), editable: r.editable });
    }
  }

  function finish(r: Run, terminator: ScanTerminator, out: ScanEffect[]): void {
    if (r.overflow) {
      out.push({ kind: 'discarded', text: keyText(r.held), reason: 'overflow' });
      return;
    }
    let held = r.held;
    let leaked = r.leaked;
    let head: Held[] = [];
    let tail: Held[] = [];
    if (cfg.splitOutliers && held.length > cfg.minLength) {
      const gaps = held.slice(1).map((h, i) => h.t - (held[i]?.t ?? h.t));
      const firstGap = gaps[0] ?? 0;
      const inner = median(gaps.slice(1));
      if (firstGap >= OUTLIER_MIN_MS && firstGap >= inner * OUTLIER_FACTOR) {
        // A leaked head is already in the field, where a typed key belongs.
        if (leaked > 0) leaked -= 1;
        else head = held.slice(0, 1);
        held = held.slice(1);
      }
      const lastGap = gaps.at(-1) ?? 0;
      const rest = median(gaps.slice(r.held.length - held.length, -1));
      if (
        terminator === 'idle' &&
        held.length > cfg.minLength &&
        lastGap >= OUTLIER_MIN_MS &&
        lastGap >= rest * OUTLIER_FACTOR
      ) {
        tail = held.slice(-1);
        held = held.slice(0, -1);
      }
    }
    if (head.length > 0) out.push({ kind: 'release', text: keyText(head), editable: r.editable });

    let text = '';
    let codeText: string | null = '';
    let lost = 0;
    let maxGap = 0;
    held.forEach((h, i) => {
      const prev = held[i - 1];
      if (prev) maxGap = Math.max(maxGap, h.t - prev.t);
      const c = h.keyChar ?? h.codeChar;
      if (c === null) lost += 1;
      else text += c;
      codeText = codeText === null || h.codeChar === null ? null : codeText + h.codeChar;
    });
    const first = held[0];
    const last = held.at(-1);
    if (first && last) {
      if (lastScan && lastScan.text === text && first.t - lastScan.endedAt <= cfg.dedupeMs) {
        out.push({ kind: 'duplicate', text, at: last.t });
      } else {
        out.push({
          kind: 'scan',
          scan: {
            text,
            codeText,
            terminator,
            startedAt: first.t,
            endedAt: last.t,
            maxGapMs: maxGap,
            ime: r.ime,
            capsLock: r.capsLock,
            lostChars: lost,
            droppedControls: r.dropped,
            leaked,
            editable: r.editable,
          },
        });
      }
      lastScan = { text, endedAt: last.t };
    }
    if (tail.length > 0) out.push({ kind: 'release', text: keyText(tail), editable: r.editable });
  }

  function fragment(
    r: Run,
    reason: ScanFragment['reason'],
    terminator: ScanTerminator,
    out: ScanEffect[],
  ): void {
    const first = r.held[0];
    const last = r.held.at(-1);
    const from = reason === 'split' ? r.continues?.from : undefined;
    out.push({
      kind: 'fragment',
      fragment: {
        text: (from?.text ?? '') + keyText(r.held),
        reason,
        terminator,
        startedAt: from ? from.lastT : (first?.t ?? r.lastT),
        endedAt: last?.t ?? r.lastT,
        afterScan: from?.afterScan ?? false,
        editable: r.editable,
      },
    });
  }

  /** How a run ended: what it was reported as. */
  type Outcome = 'scan' | 'fragment' | 'release';

  /** Ends a run: a continuation, a scan, a short fragment or typing, in that order. */
  function complete(r: Run, terminator: ScanTerminator, out: ScanEffect[]): Outcome {
    if (isContinuation(r)) {
      fragment(r, 'split', terminator, out);
      return 'fragment';
    }
    if (isBurst(r)) {
      finish(r, terminator, out);
      return 'scan';
    }
    if (isShortFragment(r)) {
      fragment(r, 'short', terminator, out);
      return 'fragment';
    }
    release(r, r.held, out);
    return 'release';
  }

  /** Ends a run whose last key is older than the gap allows. */
  function endBySilence(r: Run, out: ScanEffect[]): Outcome {
    const outcome = complete(r, 'idle', out);
    if (outcome !== 'release') lateSuffixFrom = r.lastT;
    return outcome;
  }

  function add(r: Run, held: Held, e: ScanKeyEvent): void {
    r.lastT = held.t;
    if (e.capsLock === true) r.capsLock = true;
    if (r.overflow) return;
    r.held.push(held);
    if (r.held.length > cfg.maxLength) r.overflow = true;
  }

  function keydown(e: ScanKeyEvent): StepResult {
    const decoded = decodeKey(e);
    // Auto-repeat (a held key) arrives every ~33 ms, fast enough to look like a burst.
    const k: DecodedKey =
      e.repeat === true && (decoded.type === 'char' || decoded.type === 'gs')
        ? { type: 'control' }
        : decoded;
    if (k.type === 'modifier') return { key: 'pass', effects: NONE };
    const t = e.timeStamp;
    // Only the very next key can continue a run the timer ended.
    const prior = ended;
    ended = null;
    const out: ScanEffect[] = [];
    const result = (key: KeyAction): StepResult => ({
      key,
      effects: out.length > 0 ? out : NONE,
    });

    if (run && t - run.lastT > cfg.maxGapMs) {
      const slowSuffix =
        k.type === 'terminator' && isScanLike(run) && t - run.lastT <= cfg.suffixWaitMs;
      if (slowSuffix) {
        complete(run, k.which, out);
        run = null;
        return result('swallow');
      }
      endBySilence(run, out);
      run = null;
    }
    if (lateSuffixFrom !== null && (run !== null || t - lateSuffixFrom > cfg.lateSuffixMs)) {
      lateSuffixFrom = null;
    }

    switch (k.type) {
      case 'hotkey':
      case 'control': {
        if (run && isScanLike(run)) {
          run.dropped += 1;
          run.lastT = t;
          return result('swallow');
        }
        if (run) release(run, run.held, out);
        run = null;
        return result('pass');
      }
      case 'terminator': {
        if (run && (isScanLike(run) || isShortFragment(run))) {
          complete(run, k.which, out);
          run = null;
          return result('swallow');
        }
        if (run) release(run, run.held, out);
        run = null;
        if (lateSuffixFrom !== null) {
          lateSuffixFrom = null;
          return result('swallow');
        }
        return result('pass');
      }
      case 'gs':
      case 'char': {
        lateSuffixFrom = null;
        const held: Held =
          k.type === 'gs'
            ? { keyChar: GS, codeChar: GS, t }
            : { keyChar: k.keyChar, codeChar: k.codeChar, t };
        const ime = k.type === 'char' && k.ime;
        if (!run) {
          if (held.keyChar === ' ' && !e.targetIsEditable) return result('pass'); // buttons
          if (k.type === 'gs' && k.viaCtrl && e.targetIsEditable) return result('pass');
          run = newRun(e.targetIsEditable, e.targetIsEditable && ime ? 'pass' : 'hold', t);
          if (prior && t - prior.lastT <= cfg.maxGapMs) {
            run.continues = { from: prior, gap: t - prior.lastT };
          }
        }
        if (ime) run.ime = true;
        add(run, held, e);
        if (run.mode === 'pass') {
          if (!isScanLike(run)) {
            run.leaked += 1;
            return result('pass');
          }
          run.mode = 'hold';
        }
        return result('hold');
      }
    }
  }

  function tick(now: number): readonly ScanEffect[] {
    if (lateSuffixFrom !== null && now - lateSuffixFrom > cfg.lateSuffixMs) lateSuffixFrom = null;
    if (!run) return NONE;
    const wait = isScanLike(run) ? cfg.suffixWaitMs : cfg.maxGapMs;
    if (now - run.lastT <= wait) return NONE;
    const out: ScanEffect[] = [];
    const r = run;
    const outcome = endBySilence(r, out);
    run = null;
    // The timer, not a later key, ended it: a key pressed in time may still be on its way.
    const continued = isContinuation(r) ? r.continues?.from : undefined;
    ended = {
      lastT: r.lastT,
      text: (continued?.text ?? '') + keyText(r.held),
      scanLike: outcome !== 'release',
      afterScan: outcome === 'scan' || (continued?.afterScan ?? false),
      medianGap: r.held.length >= 2 ? median(gapsOf(r.held)) : (continued?.medianGap ?? null),
    };
    return out;
  }

  function nextTickAt(): number | null {
    if (!run) return null;
    return run.lastT + (isScanLike(run) ? cfg.suffixWaitMs : cfg.maxGapMs) + 1;
  }

  function blur(): readonly ScanEffect[] {
    lateSuffixFrom = null;
    ended = null;
    if (!run) return NONE;
    const out: ScanEffect[] = [];
    if (isBurst(run)) out.push({ kind: 'discarded', text: keyText(run.held), reason: 'blur' });
    else release(run, run.held, out);
    run = null;
    return out;
  }

  function status(): ClassifierStatus {
    if (!run) return { mode: 'idle', length: 0 };
    return { mode: isScanLike(run) ? 'burst' : 'pending', length: run.held.length };
  }

  return { keydown, tick, nextTickAt, blur, status };
}

/**
 * What the self-test recommends after a scan: scanner programming (suffix, layout, delay) and
 * the station's classifier settings. Pure: a scan and the current settings in, advice out.
 */
import type { RawScan, ScanClassifierConfig } from '#shared/logic/scan/index';

export type RecommendationCode =
  | 'no-suffix'
  | 'tab'
  | 'ime'
  | 'caps-lock'
  | 'layout'
  | 'lost'
  | 'controls'
  | 'gap-large'
  | 'gap-tight';

export interface Recommendation {
  code: RecommendationCode;
  params: Record<string, number>;
  /** A settings change that applies the advice, when it is a station setting. */
  patch?: Partial<ScanClassifierConfig>;
}

/** Gaps of real scanners sit far below typing (80–300 ms); keep a margin of 2.5× the worst seen. */
const MARGIN = 2.5;
const MIN_GAP_SETTING = 20;
const MAX_GAP_SETTING = 60;

export function recommend(
  scan: RawScan,
  mismatch: 'caps-lock' | 'layout' | null,
  config: ScanClassifierConfig,
): Recommendation[] {
  const out: Recommendation[] = [];
  if (scan.terminator === 'idle') out.push({ code: 'no-suffix', params: {} });
  if (scan.terminator === 'tab') out.push({ code: 'tab', params: {} });
  if (scan.ime) out.push({ code: 'ime', params: {} });
  if (scan.capsLock || mismatch === 'caps-lock') out.push({ code: 'caps-lock', params: {} });
  if (mismatch === 'layout') out.push({ code: 'layout', params: {} });
  if (scan.lostChars > 0) out.push({ code: 'lost', params: { n: scan.lostChars } });
  if (scan.droppedControls > 0) out.push({ code: 'controls', params: { n: scan.droppedControls } });
  const gap = Math.ceil(scan.maxGapMs);
  const suggest = Math.min(
    MAX_GAP_SETTING,
    Math.max(MIN_GAP_SETTING, Math.ceil((scan.maxGapMs * MARGIN) / 5) * 5),
  );
  if (scan.maxGapMs * 1.5 > config.maxGapMs && suggest > config.maxGapMs) {
    out.push({ code: 'gap-large', params: { gap, suggest }, patch: { maxGapMs: suggest } });
  } else if (suggest < config.maxGapMs - 10) {
    out.push({ code: 'gap-tight', params: { gap, suggest }, patch: { maxGapMs: suggest } });
  }
  return out;
}

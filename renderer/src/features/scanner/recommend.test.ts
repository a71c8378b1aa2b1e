import { describe, expect, it } from 'vitest';
import {
  createScanClassifier,
  DEFAULT_SCAN_CONFIG,
  emulateKeys,
  replay,
  type RawScan,
} from '#shared/logic/scan/index';
import { recommend } from './recommend';

function scanOf(text: string, opts: Parameters<typeof emulateKeys>[1]): RawScan {
  const { effects } = replay(createScanClassifier(), emulateKeys(text, opts));
  const scan = effects.find((e) => e.kind === 'scan');
  if (!scan || scan.kind !== 'scan') throw new Error('no scan');
  return scan.scan;
}

const codes = (scan: RawScan, mismatch: 'caps-lock' | 'layout' | null = null) =>
  recommend(scan, mismatch, DEFAULT_SCAN_CONFIG).map((r) => r.code);

describe('scanner self-test recommendations', () => {
  it('advises an Enter suffix for a no-suffix scanner, and nothing about Enter scanners', () => {
    expect(codes(scanOf('4006381333931', { start: 0, gapMs: 2, suffix: 'none' }))).toContain(
      'no-suffix',
    );
    expect(codes(scanOf('4006381333931', { start: 0, gapMs: 2 }))).not.toContain('no-suffix');
  });

  it('warns about an IME and Caps Lock as the scan reports them', () => {
    expect(codes(scanOf('PB-MUG-01', { start: 0, gapMs: 3, ime: true }))).toContain('ime');
    expect(codes(scanOf('PB-MUG-01', { start: 0, gapMs: 3, capsLock: true }))).toContain(
      'caps-lock',
    );
    expect(codes(scanOf('123-356-0940', { start: 0, gapMs: 2 }), 'layout')).toContain('layout');
  });

  it('suggests a larger gap setting for a slow scanner and a tighter one for a fast one', () => {
    const slow = recommend(
      scanOf('ABCDEFGH12', { start: 0, gapMs: 30 }),
      null,
      DEFAULT_SCAN_CONFIG,
    ).find((r) => r.code === 'gap-large');
    expect(slow?.patch?.maxGapMs).toBeGreaterThan(DEFAULT_SCAN_CONFIG.maxGapMs);
    const fast = recommend(
      scanOf('ABCDEFGH12', { start: 0, gapMs: 2 }),
      null,
      DEFAULT_SCAN_CONFIG,
    ).find((r) => r.code === 'gap-tight');
    expect(fast?.patch?.maxGapMs).toBeLessThan(DEFAULT_SCAN_CONFIG.maxGapMs);
    expect(fast?.patch?.maxGapMs).toBeGreaterThanOrEqual(20);
  });
});

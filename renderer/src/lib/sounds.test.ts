import { describe, expect, it } from 'vitest';
import { outcomeFeedback, type ScanOutcome } from '#shared/logic/pack/index';
import { rejection } from '#shared/logic/scan/index';
import { createCuePlayer, cueForSound, CUES, cueLength, type AudioLike } from './sounds';

const OUTCOMES: Record<ScanOutcome['kind'], ScanOutcome[]> = {
  ticked: [{ kind: 'ticked', skuId: 's', count: 1, of: 2 }],
  complete: [
    { kind: 'complete', skuId: 's', count: 2, of: 2, verified: true },
    { kind: 'complete', skuId: 's', count: 2, of: 2, verified: false },
  ],
  'wrong-item': [{ kind: 'wrong-item', skuId: 's', code: 'X' }],
  'over-scan': [{ kind: 'over-scan', skuId: 's', count: 2, of: 2 }],
  'unknown-barcode': [{ kind: 'unknown-barcode', code: 'X' }],
  'other-order': [{ kind: 'other-order', code: 'X', orderId: null, idKind: 'order-id' }],
  'this-order': [{ kind: 'this-order', code: 'X' }],
  invalid: [{ kind: 'invalid', code: 'X', reason: rejection('scan.bad-check-digit') }],
};

const cueOf = (o: ScanOutcome) => cueForSound(outcomeFeedback(o).sound);

describe('sound cue selection', () => {
  it.each(['wrong-item', 'over-scan', 'unknown-barcode', 'other-order', 'invalid'] as const)(
    'plays the error cue for %s',
    (kind) => {
      for (const o of OUTCOMES[kind]) expect(cueOf(o)).toBe('error');
    },
  );

  it('plays success for a tick, complete only for a verified order, nothing for this order', () => {
    expect(OUTCOMES.ticked.map(cueOf)).toEqual(['success']);
    expect(OUTCOMES.complete.map(cueOf)).toEqual(['complete', 'success']);
    expect(OUTCOMES['this-order'].map(cueOf)).toEqual([null]);
  });

  it('has three cues that differ in pitch, rhythm and length', () => {
    const signature = (c: keyof typeof CUES) =>
      CUES[c].map((t) => `${t.wave}:${t.freq}@${t.at}+${t.ms}`).join(' ');
    const sigs = new Set((['success', 'error', 'complete'] as const).map(signature));
    expect(sigs.size).toBe(3);
    // The error cue is low and long: never mistaken for the short high success beep.
    expect(Math.max(...CUES.error.map((t) => t.freq))).toBeLessThan(
      Math.min(...CUES.success.map((t) => t.freq)),
    );
    expect(cueLength('error')).toBeGreaterThan(cueLength('success'));
    expect(CUES.error).toHaveLength(3);
  });
});

describe('cue player', () => {
  function recorder() {
    const started: Array<{ freq: number; wave: string; peak: number }> = [];
    const ctx = {
      currentTime: 0,
      state: 'running',
      destination: {},
      resume: () => Promise.resolve(),
      createGain() {
        const gain = {
          gain: {
            peak: 0,
            setValueAtTime(v: number) {
              this.peak = Math.max(this.peak, v);
            },
            exponentialRampToValueAtTime(v: number) {
              this.peak = Math.max(this.peak, v);
            },
          },
          connect() {},
        };
        return gain;
      },
      createOscillator() {
        const osc = {
          type: 'sine',
          frequency: { value: 0 },
          gainNode: null as null | { gain: { peak: number } },
          connect(g: { gain: { peak: number } }) {
            osc.gainNode = g;
          },
          start() {
            started.push({ freq: osc.frequency.value, wave: osc.type, peak: 0 });
            const last = started.at(-1);
            if (last && osc.gainNode)
              Object.defineProperty(last, 'peak', { get: () => osc.gainNode?.gain.peak ?? 0 });
          },
          stop() {},
        };
        return osc;
      },
    };
    return { ctx: ctx as unknown as AudioLike, started };
  }

  it('plays one oscillator per tone, scaled by volume, and nothing at volume 0 or for no cue', () => {
    const { ctx, started } = recorder();
    const player = createCuePlayer(() => ctx);
    player.play('error', 1);
    expect(started.map((s) => [s.wave, s.freq])).toEqual(CUES.error.map((t) => [t.wave, t.freq]));
    const loud = started[0]?.peak ?? 0;
    started.length = 0;
    player.play('error', 0.2);
    expect(started[0]?.peak ?? 0).toBeLessThan(loud);
    started.length = 0;
    player.play('success', 0);
    player.play(null, 1);
    expect(started).toEqual([]);
  });

  it('stays silent without audio support', () => {
    const player = createCuePlayer(() => null);
    expect(() => {
      player.unlock();
      player.play('complete', 1);
    }).not.toThrow();
  });
});

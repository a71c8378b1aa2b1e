import { describe, expect, it } from 'vitest';
import { createIntakeController } from './controller';
import type { PullOutcome, PullProgress } from './pull';

describe('intake controller', () => {
  it('runs one pull at a time, on the timer and on demand, and reports progress', async () => {
    let release: (o: PullOutcome) => void = () => {};
    let runs = 0;
    let tick: () => void = () => {};
    const c = createIntakeController({
      intervalMs: 60_000,
      setInterval: (fn) => {
        tick = fn;
        return 1;
      },
      clearInterval: () => {
        tick = () => {};
      },
      run: (onProgress: (p: PullProgress) => void) => {
        runs += 1;
        onProgress({ kind: 'first', done: 3, total: 10 });
        return new Promise<PullOutcome>((r) => (release = r));
      },
    });
    const seen: boolean[] = [];
    c.subscribe(() => seen.push(c.snapshot().running));
    c.start();
    const a = c.pullNow();
    tick(); // the periodic pull joins the running one
    const b = c.pullNow();
    expect(runs).toBe(1);
    expect(c.snapshot()).toMatchObject({ running: true, progress: { done: 3, total: 10 } });
    const outcome: PullOutcome = {
      ok: true,
      kind: 'first',
      pulled: 10,
      inserted: 10,
      updated: 0,
      flagged: 0,
      bad: 0,
    };
    release(outcome);
    expect(await a).toBe(outcome);
    expect(await b).toBe(outcome);
    expect(c.snapshot()).toMatchObject({ running: false, lastOutcome: outcome });
    tick();
    expect(runs).toBe(2);
    release(outcome);
    c.stop();
    tick();
    expect(runs).toBe(2);
    expect(seen).toContain(false);
  });

  it('turns a crash of the worker into a failed outcome', async () => {
    const c = createIntakeController({
      intervalMs: 1000,
      run: () => Promise.reject(new Error('boom')),
    });
    await expect(c.pullNow()).resolves.toMatchObject({ ok: false, code: 'internal' });
  });
});

import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clampToDisplays,
  loadWindowState,
  parseWindowState,
  saveWindowState,
  type Rect,
  type WindowState,
} from './window-state';

const MIN = { width: 960, height: 600 };
const LEFT: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const RIGHT: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('accepts a valid record', () => {
    const state = { x: 10, y: 20, width: 1200, height: 800, maximized: true };
    expect(parseWindowState(JSON.stringify(state))).toEqual(state);
  });

  it.each([
    ['not json', '{x:'],
    ['wrong type', JSON.stringify({ x: '10', y: 0, width: 1, height: 1, maximized: false })],
    ['missing field', JSON.stringify({ x: 0, y: 0, width: 100, height: 100 })],
    [
      'extra field',
      JSON.stringify({ x: 0, y: 0, width: 100, height: 100, maximized: false, z: 1 }),
    ],
    ['zero width', JSON.stringify({ x: 0, y: 0, width: 0, height: 100, maximized: false })],
    ['fractional', JSON.stringify({ x: 0.5, y: 0, width: 100, height: 100, maximized: false })],
    ['array', '[]'],
  ])('rejects %s', (_label, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});

describe('clampToDisplays', () => {
  it('keeps bounds that already fit', () => {
    const s: WindowState = { x: 100, y: 100, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(s, [LEFT, RIGHT], MIN)).toEqual(s);
  });

  it('returns null for a window on a monitor that is gone', () => {
    const s: WindowState = { x: 5000, y: 100, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(s, [LEFT], MIN)).toBeNull();
  });

  it('returns null when there are no displays', () => {
    const s: WindowState = { x: 0, y: 0, width: 1200, height: 800, maximized: false };
    expect(clampToDisplays(s, [], MIN)).toBeNull();
  });

  it('pulls a half-visible window fully onto the display it overlaps most', () => {
    const s: WindowState = { x: 1500, y: -50, width: 1200, height: 800, maximized: true };
    expect(clampToDisplays(s, [LEFT, RIGHT], MIN)).toEqual({
      x: 1920,
      y: 0,
      width: 1200,
      height: 800,
      maximized: true,
    });
  });

  it('shrinks a window larger than the display and grows one below the minimum', () => {
    const big: WindowState = { x: 0, y: 0, width: 4000, height: 3000, maximized: false };
    expect(clampToDisplays(big, [LEFT], MIN)).toMatchObject({
      x: 0,
      y: 0,
      width: 1920,
      height: 1040,
    });
    const tiny: WindowState = { x: 10, y: 10, width: 200, height: 100, maximized: false };
    expect(clampToDisplays(tiny, [LEFT], MIN)).toMatchObject({ width: 960, height: 600 });
  });

  it('always lands inside one display work area (property)', () => {
    const rect = fc.record({
      x: fc.integer({ min: -5000, max: 5000 }),
      y: fc.integer({ min: -5000, max: 5000 }),
      width: fc.integer({ min: 1000, max: 4000 }),
      height: fc.integer({ min: 700, max: 3000 }),
    });
    const state = fc.record({
      x: fc.integer({ min: -8000, max: 8000 }),
      y: fc.integer({ min: -8000, max: 8000 }),
      width: fc.integer({ min: 1, max: 6000 }),
      height: fc.integer({ min: 1, max: 6000 }),
      maximized: fc.boolean(),
    });
    fc.assert(
      fc.property(state, fc.array(rect, { minLength: 1, maxLength: 3 }), (s, areas) => {
        const out = clampToDisplays(s, areas, MIN);
        if (out === null) return;
        const inside = areas.some(
          (a) =>
            out.x >= a.x &&
            out.y >= a.y &&
            out.x + out.width <= a.x + a.width &&
            out.y + out.height <= a.y + a.height,
        );
        expect(inside).toBe(true);
        expect(out.width).toBeGreaterThanOrEqual(Math.min(MIN.width, s.width));
      }),
    );
  });
});

describe('load and save', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fsp.mkdtemp(join(tmpdir(), 'pb-window-state-'));
  });
  afterEach(async () => {
    await fsp.rm(dir, { recursive: true, force: true });
  });

  it('round-trips through a real file, creating the folder', async () => {
    const file = join(dir, 'nested', 'window-state.json');
    const state: WindowState = { x: -1200, y: 30, width: 1100, height: 700, maximized: false };
    await saveWindowState(fsp, file, state);
    expect(await loadWindowState(fsp, file)).toEqual(state);
    expect(await fsp.readdir(join(dir, 'nested'))).toEqual(['window-state.json']);
  });

  it('treats a missing or corrupt file as no state', async () => {
    const file = join(dir, 'window-state.json');
    expect(await loadWindowState(fsp, file)).toBeNull();
    await fsp.writeFile(file, '{"x": 1, "y"');
    expect(await loadWindowState(fsp, file)).toBeNull();
  });

  it('refuses to write an invalid state', async () => {
    const file = join(dir, 'window-state.json');
    const bad = { x: 0, y: 0, width: Number.NaN, height: 10, maximized: false };
    await expect(saveWindowState(fsp, file, bad)).rejects.toThrow();
    expect(await fsp.readdir(dir)).toEqual([]);
  });
});

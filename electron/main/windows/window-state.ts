import { dirname } from 'node:path';
import { z } from 'zod';

/** The remembered window placement, stored as a small JSON file in userData. */
export const WindowState = z.strictObject({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Parses the stored file; anything unreadable or out of shape counts as "no state". */
export function parseWindowState(text: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  const parsed = WindowState.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/**
 * Fits the stored bounds onto the display work area they overlap most, so a window last seen on
 * an unplugged monitor comes back visible. Returns null when the bounds touch no display (the
 * caller then uses the default centred size).
 */
export function clampToDisplays(
  state: WindowState,
  workAreas: readonly Rect[],
  min: { width: number; height: number },
): WindowState | null {
  let best: Rect | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const a = overlap(state, area);
    if (a > bestArea) {
      best = area;
      bestArea = a;
    }
  }
  if (best === null) return null;
  const width = Math.min(Math.max(state.width, min.width), best.width);
  const height = Math.min(Math.max(state.height, min.height), best.height);
  return {
    x: clamp(state.x, best.x, best.x + best.width - width),
    y: clamp(state.y, best.y, best.y + best.height - height),
    width,
    height,
    maximized: state.maximized,
  };
}

/** The slice of `node:fs/promises` the store needs; tests pass the real module on a temp dir. */
export interface WindowStateFs {
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

export async function loadWindowState(
  fs: WindowStateFs,
  file: string,
): Promise<WindowState | null> {
  try {
    return parseWindowState(await fs.readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Writes through a temp file and a rename, so a crash never leaves half a JSON file. */
export async function saveWindowState(
  fs: WindowStateFs,
  file: string,
  state: WindowState,
): Promise<void> {
  const valid = WindowState.parse(state);
  await fs.mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(valid), 'utf8');
  await fs.rename(tmp, file);
}

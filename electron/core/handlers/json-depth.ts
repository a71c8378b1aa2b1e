/**
 * How deep a parsed JSON value nests, without recursion (a deep value would overflow the stack of
 * a recursive walk, and of JSON.stringify later: issue 13 saw that reported as a disk error).
 * Stops counting at `max + 1`.
 */
export function jsonDepthExceeds(value: unknown, max: number): boolean {
  const stack: Array<{ v: unknown; d: number }> = [{ v: value, d: 0 }];
  while (stack.length > 0) {
    const { v, d } = stack.pop() as { v: unknown; d: number };
    if (v === null || typeof v !== 'object') continue;
    if (d + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push({ v: child, d: d + 1 });
    }
  }
  return false;
}

/** Bridge arguments never need more: the deepest contract shape is a handful of levels. */
export const MAX_ARGS_DEPTH = 64;

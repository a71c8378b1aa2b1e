/**
 * Chooses a font height so a text block fits its box on a ZPL label. ZPL's `^FB` wraps at spaces
 * and, when the text needs more lines than allowed, prints the excess over the last line, so we
 * must pick a size that fits rather than let the printer clip. Widths are estimates: Latin glyphs
 * of the scalable font at width = height average under 0.6 of the height; CJK and other wide
 * glyphs are counted as a full em.
 */

const LATIN_EM = 0.6;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp >= 0x20000
  );
}

/** Estimated width of `text` in dots at font height `h`. */
export function textWidthDots(text: string, h: number): number {
  let em = 0;
  for (const ch of text) em += isWide(ch.codePointAt(0) ?? 0) ? 1 : LATIN_EM;
  return em * h;
}

/** Lines a greedy word wrap needs at font height `h` in a block `widthDots` wide. */
export function wrappedLines(text: string, widthDots: number, h: number): number {
  if (text === '') return 1;
  const space = textWidthDots(' ', h);
  let lines = 1;
  let used = 0;
  for (const word of text.split(' ')) {
    const w = textWidthDots(word, h);
    if (w > widthDots) {
      // A word wider than the line (long CJK runs have no spaces): counted as broken anywhere.
      const needed = (used > 0 ? used + space : 0) + w;
      lines += Math.ceil(needed / widthDots) - 1;
      used = needed % widthDots;
      continue;
    }
    const next = used === 0 ? w : used + space + w;
    if (next <= widthDots) used = next;
    else {
      lines += 1;
      used = w;
    }
  }
  return lines;
}

export interface TextFit {
  heightDots: number;
  maxLines: number;
}

/**
 * The largest font height between `minDots` and `maxDots` at which `text` fits in the box, or
 * null when it does not fit even at `minDots`.
 */
export function fitText(
  text: string,
  box: { widthDots: number; heightDots: number },
  minDots: number,
  maxDots: number,
): TextFit | null {
  for (let h = maxDots; h >= minDots; h -= 1) {
    const maxLines = Math.max(1, Math.floor(box.heightDots / h));
    if (wrappedLines(text, box.widthDots, h) <= maxLines) return { heightDots: h, maxLines };
  }
  return null;
}

/**
 * Which text encoding a Seller Center CSV is in, from its first bytes: UTF-8 with or without a
 * BOM, UTF-16 (LE/BE, with or without a BOM), GB18030/GBK (Chinese spreadsheets saved by Excel) or
 * Shift-JIS. Decoding is the platform's `TextDecoder` (WHATWG Encoding); candidates are tried with
 * `fatal: true`, so an encoding is only chosen when the sample decodes without an error.
 *
 * Bytes that are still invalid in the chosen encoding become U+FFFD when the whole file is decoded,
 * and the import refuses the file naming the row and column of the first one (limits.ts).
 */

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'shift_jis';

export interface DetectedEncoding {
  encoding: TextEncodingName;
  /** How it was decided, for the log. */
  reason: 'bom' | 'utf-16-pattern' | 'ascii' | 'valid-utf-8' | 'mostly-utf-8' | 'legacy' | 'none';
}

/** How many leading bytes to look at. */
export const SNIFF_BYTES = 256 * 1024;

/** The label people know the encoding by (shown in messages). */
export const ENCODING_LABELS: Readonly<Record<TextEncodingName, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  gb18030: 'GB18030 (GBK)',
  shift_jis: 'Shift-JIS',
};

function bomOf(b: Uint8Array): TextEncodingName | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return 'utf-8';
  if (b[0] === 0xff && b[1] === 0xfe) return 'utf-16le';
  if (b[0] === 0xfe && b[1] === 0xff) return 'utf-16be';
  return null;
}

/** UTF-16 text of mostly Latin/ASCII characters has a zero in every other byte. */
function utf16Pattern(b: Uint8Array): TextEncodingName | null {
  const n = Math.min(b.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (b[i] === 0) evenZero += 1;
    if (b[i + 1] === 0) oddZero += 1;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

/** Decodes with `fatal`, treating a sequence cut at the end of the sample as fine. */
function decodesCleanly(encoding: TextEncodingName, b: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(b, { stream: true });
  } catch {
    return null;
  }
}

/**
 * How plausible a decoding of CJK spreadsheet text is: common ideographs and kana count for it;
 * half-width katakana and private-use characters (what the wrong one of GBK/Shift-JIS yields)
 * count against it.
 */
function plausibility(text: string, encoding: TextEncodingName): number {
  let score = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c < 0x80) continue;
    if (c >= 0x4e00 && c <= 0x9fff) score += 1;
    else if (c >= 0x3040 && c <= 0x30ff) score += encoding === 'shift_jis' ? 2 : 1;
    else if (c >= 0x3000 && c <= 0x303f) score += 1;
    else if (c >= 0xff01 && c <= 0xff5e) score += 1;
    else if (c >= 0xff61 && c <= 0xff9f) score -= 1;
    else if (c >= 0xe000 && c <= 0xf8ff) score -= 5;
    else if (c >= 0x3400 && c <= 0x4dbf) score -= 1;
  }
  return score;
}

/** Decides the encoding of a file from its first bytes (at most `SNIFF_BYTES` are read). */
export function detectEncoding(head: Uint8Array): DetectedEncoding {
  const sample = head.subarray(0, SNIFF_BYTES);
  const bom = bomOf(sample);
  if (bom) return { encoding: bom, reason: 'bom' };
  const wide = utf16Pattern(sample);
  if (wide) return { encoding: wide, reason: 'utf-16-pattern' };
  if (sample.every((x) => x < 0x80)) return { encoding: 'utf-8', reason: 'ascii' };
  if (decodesCleanly('utf-8', sample) !== null) return { encoding: 'utf-8', reason: 'valid-utf-8' };

  // Not valid UTF-8. A UTF-8 file with a few damaged bytes still has more good multi-byte
  // characters than bad ones: keep UTF-8 and let the import name the damaged cell.
  const lenient = new TextDecoder('utf-8').decode(sample, { stream: true });
  let bad = 0;
  let good = 0;
  for (const ch of lenient) {
    if (ch === '\uFFFD') bad += 1;
    else if ((ch.codePointAt(0) ?? 0) >= 0x80) good += 1;
  }
  if (good >= bad) return { encoding: 'utf-8', reason: 'mostly-utf-8' };

  let best: { encoding: TextEncodingName; score: number } | null = null;
  for (const encoding of ['gb18030', 'shift_jis'] as const) {
    const text = decodesCleanly(encoding, sample);
    if (text === null) continue;
    const score = plausibility(text, encoding);
    if (best === null || score > best.score) best = { encoding, score };
  }
  if (best) return { encoding: best.encoding, reason: 'legacy' };
  return { encoding: 'utf-8', reason: 'none' };
}

/**
 * One place for physical units. Electron's webContents.print takes microns, printToPDF takes
 * inches, CSS takes mm, and thermal printers think in dots.
 */
export const MM_PER_INCH = 25.4;

export function mmToMicrons(mm: number): number {
  return Math.round(mm * 1000);
}

export function mmToInches(mm: number): number {
  return mm / MM_PER_INCH;
}

export function inchesToMm(inches: number): number {
  return inches * MM_PER_INCH;
}

export function mmToDots(mm: number, dpi: number): number {
  return Math.round((mm / MM_PER_INCH) * dpi);
}

export function dotsToMm(dots: number, dpi: number): number {
  return (dots / dpi) * MM_PER_INCH;
}

/** Paper sizes the station prints on, width × height in millimetres. */
export const PAPER = {
  waybill4x6: { widthMm: 101.6, heightMm: 152.4 },
  waybill100x150: { widthMm: 100, heightMm: 150 },
  a6: { widthMm: 105, heightMm: 148 },
  a4: { widthMm: 210, heightMm: 297 },
} as const;
export type PaperName = keyof typeof PAPER;

import type { Disposition, UnitGrade } from './types';

/**
 * Command barcodes of return intake, so the whole intake runs from the scanner: print the sheet
 * (Returns screen) and scan a grade, a destination or "done" after each item. Letters, digits and
 * dashes only, so every scanner and keyboard layout sends them alike.
 */
export type IntakeCommand =
  | { kind: 'grade'; grade: UnitGrade }
  | { kind: 'dispose'; disposition: Disposition }
  | { kind: 'done'; refund: boolean };

export const GRADE_CODES: Readonly<Record<UnitGrade, string>> = {
  resellable: 'PB-GRADE-RESELLABLE',
  opened: 'PB-GRADE-OPENED',
  damaged: 'PB-GRADE-DAMAGED',
  'wrong-item': 'PB-GRADE-WRONG',
  'missing-parts': 'PB-GRADE-MISSING',
};

export const DISPOSITION_CODES: Readonly<Record<Disposition, string>> = {
  restock: 'PB-TO-RESTOCK',
  quarantine: 'PB-TO-QUARANTINE',
  dispose: 'PB-TO-DISPOSE',
  'return-to-supplier': 'PB-TO-SUPPLIER',
};

export const DONE_CODE = 'PB-DONE';
export const DONE_REFUND_CODE = 'PB-DONE-REFUND';

export function parseIntakeCommand(text: string): IntakeCommand | null {
  const code = text.trim().toUpperCase();
  if (code === DONE_CODE) return { kind: 'done', refund: false };
  if (code === DONE_REFUND_CODE) return { kind: 'done', refund: true };
  for (const [grade, c] of Object.entries(GRADE_CODES)) {
    if (c === code) return { kind: 'grade', grade: grade as UnitGrade };
  }
  for (const [disposition, c] of Object.entries(DISPOSITION_CODES)) {
    if (c === code) return { kind: 'dispose', disposition: disposition as Disposition };
  }
  return null;
}

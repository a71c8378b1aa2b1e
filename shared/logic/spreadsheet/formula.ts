/**
 * Formula-injection guard for every CSV and XLSX cell Packbench writes (OWASP "CSV Injection"):
 * a cell that starts with `=`, `+`, `-`, `@`, TAB or CR is written with a leading apostrophe, so a
 * spreadsheet shows it as text instead of running it. A plain number (`-3`, `+1.50`) cannot run and
 * is left as it is. CSV writers pass `FORMULA_START` to papaparse's `escapeFormulae` (papaparse's
 * own default pattern misses a multi-line cell that starts with `=`); XLSX writers call
 * `neutraliseFormula` on each text cell.
 */
export const FORMULA_START = /^(?![+-]?\d+(?:\.\d+)?$)[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { FORMULA_START, neutraliseFormula } from './formula';

describe('formula cells', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1+cmd', `'+1+cmd`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
    ['=1\nsecond line', `'=1\nsecond line`],
  ])('neutralises %j', (input, expected) => {
    expect(neutraliseFormula(input)).toBe(expected);
  });

  it.each(['-3', '+1.50', '12.00', 'USPS', '577000000000000001', 'a=b', ''])(
    'leaves %j as it is',
    (input) => {
      expect(neutraliseFormula(input)).toBe(input);
    },
  );

  it('papaparse with FORMULA_START quotes and escapes a multi-line formula cell', () => {
    const csv = Papa.unparse([['=1\n+2', '-5', 'ok']], { escapeFormulae: FORMULA_START });
    expect(csv).toBe(`"'=1\n+2",-5,ok`);
  });
});

import { describe, expect, it } from 'vitest';
import { DISPOSITION_CODES, DONE_REFUND_CODE, GRADE_CODES, parseIntakeCommand } from './commands';
import { DISPOSITIONS, UNIT_GRADES } from './types';

describe('intake command barcodes', () => {
  it('every grade and destination has a code that parses back', () => {
    for (const g of UNIT_GRADES)
      expect(parseIntakeCommand(GRADE_CODES[g])).toEqual({ kind: 'grade', grade: g });
    for (const d of DISPOSITIONS) {
      expect(parseIntakeCommand(DISPOSITION_CODES[d])).toEqual({ kind: 'dispose', disposition: d });
    }
    expect(parseIntakeCommand(` ${DONE_REFUND_CODE.toLowerCase()} `)).toEqual({
      kind: 'done',
      refund: true,
    });
    expect(parseIntakeCommand('PB-DONE')).toEqual({ kind: 'done', refund: false });
  });

  it('anything else is an item scan', () => {
    expect(parseIntakeCommand('012345678905')).toBeNull();
    expect(parseIntakeCommand('PB-GRADE-NOPE')).toBeNull();
  });
});

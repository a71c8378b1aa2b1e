import { describe, expect, it } from 'vitest';
import {
  analyseReturn,
  categoryOfFinding,
  categoryOfReason,
  FINDINGS,
  findingOfGrade,
  REASON_CATEGORIES,
} from './reasons';
import { UNIT_GRADES } from './types';

describe('reason taxonomy', () => {
  it.each([
    ['ecom_order_delivered_refund_and_return_reason_damaged', 'damaged'],
    ['ecom_order_delivered_refund_and_return_reason_package_damaged_or_leaked', 'damaged'],
    ['ecom_order_delivered_refund_and_return_reason_wrong_item', 'wrong-item'],
    ['ecom_order_delivered_refund_and_return_reason_missing_item', 'missing-item'],
    ['ecom_order_delivered_refund_reason_not_received', 'not-received'],
    ['ecom_order_delivered_refund_and_return_reason_defective', 'defective'],
    ['ecom_order_delivered_refund_and_return_reason_not_as_described', 'not-as-described'],
    ['ecom_order_delivered_refund_and_return_reason_size_does_not_fit', 'size-fit'],
    ['ecom_order_delivered_refund_and_return_reason_no_longer_needed', 'changed-mind'],
    ['Item arrived damaged', 'damaged'],
    ['Received the wrong item', 'wrong-item'],
    ['something_new_from_the_shop', 'other'],
    ['', 'other'],
  ] as const)('%s → %s', (code, category) => {
    expect(categoryOfReason(code)).toBe(category);
  });

  it('maps every finding and every grade into the one taxonomy', () => {
    for (const f of FINDINGS) expect(REASON_CATEGORIES).toContain(categoryOfFinding(f));
    for (const g of UNIT_GRADES) expect(FINDINGS).toContain(findingOfGrade(g));
  });

  it('buyer said "damaged", inspector found a crushed box: they agree, the carrier is liable', () => {
    const a = analyseReturn('ecom_order_delivered_refund_and_return_reason_damaged', [
      'as-new',
      'crushed-box',
    ]);
    expect(a).toEqual({
      buyerCategory: 'damaged',
      foundCategory: 'damaged',
      agrees: true,
      liability: 'carrier',
    });
  });

  it('buyer said "defective", inspector found nothing wrong: they disagree, the buyer changed their mind', () => {
    const a = analyseReturn('reason_defective', ['no-fault-found']);
    expect(a.agrees).toBe(false);
    expect(a.foundCategory).toBe('changed-mind');
    expect(a.liability).toBe('buyer');
  });

  it('the worst finding speaks for the parcel: a wrong item sent by us outweighs the rest', () => {
    const a = analyseReturn('wrong_item', ['as-new', 'crushed-box', 'wrong-item-sent']);
    expect(a).toMatchObject({ foundCategory: 'wrong-item', agrees: true, liability: 'seller' });
  });

  it('nothing inspected yet: no verdict', () => {
    expect(analyseReturn('damaged', [])).toEqual({
      buyerCategory: 'damaged',
      foundCategory: null,
      agrees: null,
      liability: 'unknown',
    });
  });
});

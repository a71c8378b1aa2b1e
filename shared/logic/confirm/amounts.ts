/**
 * Amount reconciliation, decimal-safe (decimal.js, never binary floats):
 *   Σ line sale_price                                                  = sub_total
 *   sub_total + shipping_fee − seller_discount − platform_discount + tax = total_amount
 * Both hold for every order in `#shared/logic/practice-data` (see amounts.test.ts). A mismatch is
 * a stop: the order data is inconsistent and must be looked at before anything ships.
 */
import { Decimal } from 'decimal.js';
import type { OrderLine, Payment } from '#shared/domain/order';
import { stop, type Reason } from './reasons';

function parse(field: string, value: string, bad: Reason[]): Decimal | null {
  if (!/^-?\d+(\.\d+)?$/.test(value.trim())) {
    bad.push(stop('amount.unparseable', { field, value }));
    return null;
  }
  return new Decimal(value.trim());
}

/** Formats an amount with at least two decimals, as shops print them. */
function money(d: Decimal): string {
  return d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toString();
}

export function checkAmounts(lines: readonly OrderLine[], payment: Payment): Reason[] {
  const reasons: Reason[] = [];
  let linesTotal = new Decimal(0);
  lines.forEach((line, i) => {
    const price = parse(`lines[${i}].salePrice`, line.salePrice, reasons);
    if (price) linesTotal = linesTotal.plus(price);
  });
  const sub = parse('subTotal', payment.subTotal, reasons);
  const ship = parse('shippingFee', payment.shippingFee, reasons);
  const sellerDiscount = parse('sellerDiscount', payment.sellerDiscount, reasons);
  const platformDiscount = parse('platformDiscount', payment.platformDiscount, reasons);
  const tax = parse('tax', payment.tax, reasons);
  const total = parse('totalAmount', payment.totalAmount, reasons);
  if (
    reasons.length > 0 ||
    !sub ||
    !ship ||
    !sellerDiscount ||
    !platformDiscount ||
    !tax ||
    !total
  ) {
    return reasons;
  }
  if (lines.length > 0 && !linesTotal.equals(sub)) {
    reasons.push(
      stop('amount.lines-mismatch', {
        linesTotal: money(linesTotal),
        subTotal: money(sub),
        currency: payment.currency,
      }),
    );
  }
  const expected = sub.plus(ship).minus(sellerDiscount).minus(platformDiscount).plus(tax);
  if (!expected.equals(total)) {
    reasons.push(
      stop('amount.total-mismatch', {
        expected: money(expected),
        totalAmount: money(total),
        currency: payment.currency,
      }),
    );
  }
  return reasons;
}

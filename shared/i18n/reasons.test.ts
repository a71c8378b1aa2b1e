import { describe, expect, it } from 'vitest';
import type { OrderRow } from '#shared/domain/order';
import { checkAmounts } from '#shared/logic/confirm/amounts';
import { checkRecipient } from '#shared/logic/confirm/recipient';
import { checkShipBy } from '#shared/logic/confirm/shipby';
import { parseScan } from '#shared/logic/scan/parse';
import { normaliseScan } from '#shared/logic/scan/normalise';
import {
  ALL_REASON_CODES,
  formatReason,
  placeholders,
  REASON_LOCALES,
  REASON_TEXTS,
  type ReasonCode,
} from './reasons';

describe('reason texts', () => {
  it('has a non-empty zh-CN and English text for every code, and nothing else', () => {
    expect(new Set(Object.keys(REASON_TEXTS))).toEqual(new Set(ALL_REASON_CODES));
    for (const code of ALL_REASON_CODES) {
      for (const locale of REASON_LOCALES) expect(REASON_TEXTS[code][locale].trim()).not.toBe('');
      expect(REASON_TEXTS[code]['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const code of ALL_REASON_CODES) {
      const zh = placeholders(REASON_TEXTS[code]['zh-CN']).sort();
      const en = placeholders(REASON_TEXTS[code].en).sort();
      expect({ code, zh }).toEqual({ code, zh: en });
    }
  });

  it('fills every placeholder from the params the rules really produce', () => {
    const recipient: OrderRow['recipient'] = {
      name: '1',
      phone: 'x',
      fullAddress: '1',
      addressLines: [],
      postalCode: '12',
      regionCode: 'US',
      districts: [],
    };
    const payment: OrderRow['payment'] = {
      currency: 'USD',
      subTotal: '1.00',
      shippingFee: '0',
      sellerDiscount: '0',
      platformDiscount: '0',
      tax: '0',
      totalAmount: '9.99',
    };
    const produced: Array<{ code: ReasonCode; params: Readonly<Record<string, string | number>> }> =
      [
        ...checkRecipient(recipient),
        ...checkAmounts([], payment),
        ...checkAmounts([], { ...payment, tax: 'x' }),
        ...checkShipBy(1000, 1000 + 3_600_000),
        ...checkShipBy(1000 + 60_000, 1000),
      ];
    for (const code of ['036000291453', '0109506000134353', 'X'.repeat(300), '']) {
      const c = parseScan(code);
      if (c.kind === 'invalid') produced.push(c.reason);
    }
    const layout = normaliseScan({ text: "123'356'0940" });
    if (!layout.ok) produced.push(layout.error);
    expect(produced.length).toBeGreaterThan(8);
    for (const reason of produced) {
      for (const locale of REASON_LOCALES) {
        expect(formatReason(reason, locale)).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('formats params into the text and leaves missing ones visible', () => {
    expect(
      formatReason(
        { code: 'stock.short', params: { sellerSku: 'PB-MUG-01', needed: 3, available: 1 } },
        'en',
      ),
    ).toBe('PB-MUG-01 short: need 3, available 1');
    expect(formatReason({ code: 'pack.ticked', params: { count: 1 } }, 'zh-CN')).toBe(
      '已核对 1/{of}',
    );
  });
});

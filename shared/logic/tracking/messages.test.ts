import { describe, expect, it } from 'vitest';
import {
  buyerLanguage,
  detectLanguage,
  cleanValue,
  MESSAGE_LANGUAGES,
  MESSAGE_SITUATIONS,
  MESSAGE_VARIABLES,
  renderMessage,
  situationFor,
  TEMPLATES,
} from './messages';

const values = {
  name: 'Ann',
  orderId: '576000000000000001',
  trackingNumber: '9400111899223344556677',
  carrier: 'USPS',
  newEstimate: '12 Nov',
};

describe('buyer message templates', () => {
  it('every situation exists in every language and uses only known variables', () => {
    for (const lang of MESSAGE_LANGUAGES) {
      for (const s of MESSAGE_SITUATIONS) {
        const t = TEMPLATES[lang][s];
        expect(t.length).toBeGreaterThan(20);
        const used = [...t.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        for (const v of used) expect(MESSAGE_VARIABLES).toContain(v);
        expect(used).toContain('orderId');
      }
    }
  });

  it('fills the variables in the buyer language', () => {
    expect(renderMessage('delay', 'en', values)).toContain('your order 576000000000000001');
    const zh = renderMessage('delay', 'zh-CN', values);
    expect(zh).toContain('Ann您好');
    expect(zh).toContain('12 Nov');
    expect(renderMessage('lost-parcel', 'es', values)).toMatch(/^Hola Ann/);
  });

  it('customer text stays data: no second substitution, no control characters, capped', () => {
    const sneaky = { ...values, name: '{orderId}<img src=x onerror=alert(1)>\u0007\u202e' };
    const text = renderMessage('delay', 'en', sneaky);
    expect(text).toContain('Hi {orderId}<img src=x onerror=alert(1)>,');
    // eslint-disable-next-line no-control-regex -- checks that none are left
    expect(text).not.toMatch(new RegExp('[\\u0000-\\u001f\\u202e]'));
    expect(cleanValue('x'.repeat(500))).toHaveLength(200);
  });

  it('picks the buyer language from what is known, then the market, then English', () => {
    expect(buyerLanguage('US')).toBe('en');
    expect(buyerLanguage('mx')).toBe('es');
    expect(buyerLanguage('VN')).toBe('vi');
    expect(buyerLanguage('US', 'zh-CN')).toBe('zh-CN');
    expect(buyerLanguage('GB', 'klingon')).toBe('en');
  });

  it('detects the language a buyer wrote in, when the script tells', () => {
    expect(detectLanguage('请不要放发票')).toBe('zh-CN');
    expect(detectLanguage('กรุณาส่งด่วน')).toBe('th');
    expect(detectLanguage('Giao hàng buổi sáng nhé')).toBe('vi');
    expect(detectLanguage('¿Pueden dejarlo en la portería?')).toBe('es');
    expect(detectLanguage('Please pack carefully')).toBeNull();
    expect(detectLanguage('يرجى الاتصال قبل التوصيل')).toBeNull();
    expect(buyerLanguage('US', detectLanguage('请不要放发票'))).toBe('zh-CN');
  });

  it('suggests the situation from the delay reason', () => {
    expect(situationFor('failed-attempt')).toBe('failed-attempt');
    expect(situationFor('exception', 'lost')).toBe('lost-parcel');
    expect(situationFor('returned-to-sender')).toBe('address-problem');
    expect(situationFor('no-movement')).toBe('delay');
  });
});

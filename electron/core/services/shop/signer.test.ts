import { describe, expect, it } from 'vitest';
import { signBase, signRequest } from './signer';

describe('signRequest', () => {
  it('reproduces the official test vector V1 byte for byte (§2.3)', () => {
    const input = {
      appSecret: 'e59af819cc',
      path: '/authorization/202309/shops',
      query: { timestamp: '1623812664', app_key: '29a39d' },
    };
    expect(signBase(input).toString('utf8')).toBe(
      'e59af819cc/authorization/202309/shopsapp_key29a39dtimestamp1623812664e59af819cc',
    );
    expect(signRequest(input)).toBe(
      'b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8',
    );
  });

  it('ignores sign and access_token, and signs the body unless multipart', () => {
    const base = { appSecret: 's', path: '/p', query: { b: '2', a: '1' } };
    const withExtras = { ...base, query: { ...base.query, sign: 'x', access_token: 't' } };
    expect(signRequest(withExtras)).toBe(signRequest(base));
    const json = { ...base, body: '{"x":1}', contentType: 'application/json' };
    expect(signBase(json).toString()).toBe('s/pa1b2{"x":1}s');
    const multipart = { ...json, contentType: 'Multipart/Form-Data; boundary=abc' };
    expect(signBase(multipart).toString()).toBe('s/pa1b2s');
  });

  it('signs decoded page tokens and sorts keys byte-wise', () => {
    const input = {
      appSecret: 'k',
      path: '/order/202309/orders/search',
      query: { page_token: 'a+b/c=', page_size: '100', Z: 'upper' },
    };
    expect(signBase(input).toString()).toBe(
      'k/order/202309/orders/searchZupperpage_size100page_tokena+b/c=k',
    );
    expect(signRequest(input)).toMatch(/^[0-9a-f]{64}$/);
  });
});

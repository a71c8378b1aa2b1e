import { describe, expect, it } from 'vitest';
import { withCheckDigit } from '#shared/logic/gtin';
import {
  practiceOrderId,
  practicePackageId,
  practiceTrackingNumber,
} from '#shared/logic/practice-data';
import { parseGs1 } from './gs1';
import { GS } from './keys';
import { looksLikeLayoutMismatch, normaliseScan } from './normalise';
import { itemKey, parseScan, readScan, toGtin14 } from './parse';

describe('normaliseScan', () => {
  it('prefers the physical-key decoding, which undoes a layout mismatch and Caps Lock', () => {
    const layout = normaliseScan({ text: "123'356'0940", codeText: '123-356-0940' });
    expect(layout.ok && layout.value).toMatchObject({ text: '123-356-0940', mismatch: 'layout' });
    const caps = normaliseScan({ text: 'pb-tee-01', codeText: 'PB-TEE-01', capsLock: true });
    expect(caps.ok && caps.value).toMatchObject({ text: 'PB-TEE-01', mismatch: 'caps-lock' });
  });

  it('without physical keys, rejects a layout-mangled scan rather than guessing', () => {
    const r = normaliseScan({ text: "123'356'0940" });
    expect(r.ok ? null : r.error.code).toBe('scan.layout-mismatch');
    expect(looksLikeLayoutMismatch('&é"\'(-è_çà')).toBe(true); // 1234567890 on AZERTY
    expect(looksLikeLayoutMismatch("O'Brien-01")).toBe(false);
  });

  it('inverts Caps-Lock case when trusting key text, unless told to keep it', () => {
    const inv = normaliseScan(
      { text: 'pb-tee-01', capsLock: true },
      { trust: 'key', capsLock: 'invert' },
    );
    expect(inv.ok && inv.value.text).toBe('PB-TEE-01');
    const keep = normaliseScan(
      { text: 'pb-tee-01', capsLock: true },
      { trust: 'key', capsLock: 'keep' },
    );
    expect(keep.ok && keep.value.text).toBe('pb-tee-01');
  });

  it('strips AIM prefixes, maps spelled-out GS and strips other control characters', () => {
    const r = normaliseScan({ text: ']C10109506000134352<GS>10ABC\r\n' });
    expect(r.ok && r.value).toMatchObject({ text: `0109506000134352${GS}10ABC`, gs1: true });
    const sub = normaliseScan(
      { text: '0109506000134352~10ABC' },
      {
        trust: 'code',
        capsLock: 'invert',
        gsSubstitute: '~',
      },
    );
    expect(sub.ok && sub.value.text).toBe(`0109506000134352${GS}10ABC`);
    const ctl = normaliseScan({ text: 'AB\u0007CD\u007f' });
    expect(ctl.ok && ctl.value.text).toBe('ABCD');
    expect(ctl.ok && ctl.value.changes).toContain('controls-stripped');
  });

  it('rejects empty scans and IME-lost characters', () => {
    const empty = normaliseScan({ text: '\r\n ' });
    expect(empty.ok ? null : empty.error.code).toBe('scan.empty');
    const lost = normaliseScan({ text: 'AB', codeText: null, lostChars: 2 });
    expect(lost.ok ? null : lost.error).toEqual({
      code: 'scan.ime-lost-chars',
      params: { lost: 2 },
    });
  });
});

describe('parseGs1', () => {
  it('splits fixed and variable AIs and verifies the GTIN', () => {
    const r = parseGs1(`0109506000134352${GS}10ABC123${GS}17261231${GS}2112345`);
    expect(r.ok && r.value).toEqual({
      gtin: '09506000134352',
      elements: [
        { ai: '01', value: '09506000134352' },
        { ai: '10', value: 'ABC123' },
        { ai: '17', value: '261231' },
        { ai: '21', value: '12345' },
      ],
    });
  });

  it('reads fixed-length AIs back to back without separators, and the bracketed form', () => {
    const packed = parseGs1('010950600013435217261231');
    expect(packed.ok && packed.value.elements.map((e) => e.ai)).toEqual(['01', '17']);
    const bracketed = parseGs1('(01)09506000134352(3103)000250(10)LOT7');
    expect(bracketed.ok && bracketed.value.elements).toEqual([
      { ai: '01', value: '09506000134352' },
      { ai: '3103', value: '000250' },
      { ai: '10', value: 'LOT7' },
    ]);
  });

  it('rejects a bad GTIN check digit, unknown AIs and truncated fields', () => {
    const bad = parseGs1('0109506000134353');
    expect(bad.ok ? null : bad.error.code).toBe('scan.bad-check-digit');
    const unknown = parseGs1('2612345');
    expect(unknown.ok ? null : unknown.error.code).toBe('scan.gs1-malformed');
    const short = parseGs1('01095060001343');
    expect(short.ok ? null : short.error.code).toBe('scan.gs1-malformed');
  });
});

describe('parseScan', () => {
  it('recognises UPC-A, EAN-13, EAN-8 and GTIN-14 with valid check digits', () => {
    expect(parseScan('036000291452')).toMatchObject({ kind: 'gtin', format: 'UPC-A' });
    expect(parseScan('4006381333931')).toMatchObject({ kind: 'gtin', format: 'EAN-13' });
    expect(parseScan('96385074')).toMatchObject({ kind: 'gtin', format: 'EAN-8' });
    expect(parseScan(withCheckDigit('1000000000001'))).toMatchObject({
      kind: 'gtin',
      format: 'GTIN-14',
    });
  });

  it('rejects 12- and 13-digit codes with a bad check digit as impossible, never a SKU', () => {
    for (const code of ['036000291453', '4006381333932']) {
      const r = parseScan(code);
      expect(r.kind).toBe('invalid');
      expect(r.kind === 'invalid' && r.reason.code).toBe('scan.bad-check-digit');
      expect(r.kind === 'invalid' && r.reason.params.expected).toBe(
        Number(code.endsWith('3') ? 2 : 1),
      );
    }
  });

  it('recognises TikTok order and package ids and tracking numbers', () => {
    expect(parseScan(practiceOrderId(7))).toEqual({ kind: 'order-id', text: practiceOrderId(7) });
    expect(parseScan(practicePackageId(7))).toEqual({
      kind: 'package-id',
      text: practicePackageId(7),
    });
    expect(parseScan(practiceTrackingNumber(7).toLowerCase())).toEqual({
      kind: 'tracking',
      text: practiceTrackingNumber(7),
    });
    expect(parseScan('1Z999AA10123456784').kind).toBe('tracking');
  });

  it('takes anything else printable as a seller SKU, and extracts (01) from GS1 strings', () => {
    expect(parseScan('PB-TEE-01')).toEqual({ kind: 'sku', text: 'PB-TEE-01' });
    expect(parseScan('手机壳-红')).toEqual({ kind: 'sku', text: '手机壳-红' });
    const gs1 = parseScan(`0100036000291452${GS}10LOT`);
    expect(gs1).toMatchObject({ kind: 'gs1', gtin: '00036000291452' });
    expect(itemKey(gs1)).toBe(itemKey(parseScan('036000291452')));
    expect(toGtin14('96385074')).toBe('00000096385074');
  });

  it('reads a raw scan end to end: decode, normalise, parse', () => {
    expect(readScan({ text: "036000'291452", codeText: '036000291452' })).toMatchObject({
      kind: 'gtin',
    });
    expect(readScan({ text: "123'356'0940" })).toMatchObject({ kind: 'invalid' });
    expect(parseScan('X'.repeat(300))).toMatchObject({ kind: 'invalid' });
  });
});

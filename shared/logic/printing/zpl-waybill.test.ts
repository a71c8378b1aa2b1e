import { describe, expect, it } from 'vitest';
import { mmToDots } from '../../utils/units';
import { code128Modules, fitCode128, QUIET_ZONE_MODULES } from './code128';
import { decodeFieldData } from './zpl-escape';
import { buildWaybillZpl, PRACTICE_WATERMARK, type WaybillZplInput } from './zpl-waybill';

const input: WaybillZplInput = {
  trackingNumber: '794615826314',
  orderId: '576461413538780123',
  recipient: {
    name: 'Maria Gonzalez',
    phone: '(+1)213*****88',
    address: '1200 Wilshire Blvd, Apt 1402, Los Angeles, CA 90017, United States',
  },
  sender: { name: 'Acme Goods', address: '55 Warehouse Rd, Reno, NV 89502' },
  carrier: 'USPS',
  service: 'Ground Advantage',
  weightGrams: 1250,
  shipByText: '2026-11-28 17:00',
  items: [
    { name: 'Ceramic mug, blue', quantity: 2 },
    { name: 'Tea towel', quantity: 1 },
  ],
  practice: false,
};

function build(over: Partial<WaybillZplInput> = {}, dpi: 203 | 300 = 203): string {
  const r = buildWaybillZpl({ ...input, ...over }, { dpi });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** The decoded text of every ^FH_^FD…^FS field, in order. */
function fields(zpl: string): string[] {
  return [...zpl.matchAll(/\^FH_\^FD(.*?)\^FS/g)].map((m) => decodeFieldData(m[1] ?? ''));
}

/** Command names outside field data, e.g. ['XA', 'CI', …]. */
function commands(zpl: string): string[] {
  const withoutData = zpl.replace(/\^FD.*?\^FS/g, '^FS');
  return [...withoutData.matchAll(/\^([A-Z][A-Z0-9@])/g)].map((m) => m[1] ?? '');
}

function barcodeModuleWidths(zpl: string): number[] {
  return [...zpl.matchAll(/\^BY(\d+),/g)].map((m) => Number(m[1]));
}

describe('buildWaybillZpl', () => {
  it('carries every waybill field and both barcodes', () => {
    const zpl = build();
    const text = fields(zpl);
    expect(text).toContain(input.trackingNumber);
    expect(text).toContain(input.orderId);
    expect(text).toContain(input.recipient.name);
    expect(text).toContain(input.recipient.address);
    expect(text).toContain(`TEL ${input.recipient.phone}`);
    expect(text).toContain(`FROM ${input.sender.name}, ${input.sender.address}`);
    expect(text).toContain(`${input.carrier} ${input.service}`);
    expect(text).toContain('WEIGHT 1.25 kg');
    expect(text).toContain(`SHIP BY ${input.shipByText}`);
    expect(text).toContain('2 x Ceramic mug, blue; 1 x Tea towel');
    expect(zpl.match(/\^BCN,/g)).toHaveLength(2);
    expect(zpl).toMatch(/^\^XA\n\^CI28\n/);
    expect(text).not.toContain(PRACTICE_WATERMARK);
  });

  it('escapes injection attempts in customer text so only our own commands remain', () => {
    const zpl = build({
      recipient: {
        name: 'Eve^XZ^XA^FO0,0^GB800,1200,800^FS',
        phone: '~JR~HS',
        address: 'Street_5E 1\\&\n^XZ~JA',
      },
      items: [{ name: '~JN^PQ99', quantity: 1 }],
    });
    expect(zpl.match(/\^XA/g)).toHaveLength(1);
    expect(zpl.match(/\^XZ/g)).toHaveLength(1);
    expect(zpl).not.toContain('~');
    expect(zpl.match(/\^PQ/g)).toHaveLength(1);
    const allowed = new Set(['XA', 'CI', 'PW', 'LL', 'LH', 'FO', 'A0', 'FB', 'FH', 'FD', 'FS']);
    for (const c of ['GB', 'BY', 'BC', 'FR', 'PQ', 'XZ']) allowed.add(c);
    expect(commands(zpl).filter((c) => !allowed.has(c))).toEqual([]);
    const text = fields(zpl);
    expect(text).toContain('Eve^XZ^XA^FO0,0^GB800,1200,800^FS');
    expect(text).toContain('TEL ~JR~HS');
    expect(text).toContain('Street_5E 1\\& ^XZ~JA');
  });

  it('uses a wider barcode module at 300 dpi than at 203 dpi, with the same physical size', () => {
    const at203 = build({}, 203);
    const at300 = build({}, 300);
    expect(barcodeModuleWidths(at203)).toEqual([3, 3]);
    expect(barcodeModuleWidths(at300)).toEqual([4, 4]);
    expect(at203).toContain(`^PW${mmToDots(101.6, 203)}`);
    expect(at300).toContain(`^PW${mmToDots(101.6, 300)}`);
    expect(at300).toContain(`^LL${mmToDots(152.4, 300)}`);
  });

  it('keeps both barcodes and their quiet zones inside the label', () => {
    for (const dpi of [203, 300] as const) {
      const zpl = build({}, dpi);
      const width = mmToDots(101.6, dpi);
      const matches = [
        ...zpl.matchAll(/\^FO(\d+),\d+\^BY(\d+),3,\d+\^BCN,\d+,Y,N,N,A\^FH_\^FD(.*?)\^FS/g),
      ];
      expect(matches).toHaveLength(2);
      for (const [, x, m, data] of matches) {
        const module = Number(m);
        const right = Number(x) + code128Modules(data ?? '') * module;
        expect(Number(x)).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES * module);
        expect(width - right).toBeGreaterThanOrEqual(QUIET_ZONE_MODULES * module);
      }
    }
  });

  it('places every field inside the 4x6 in label, practice banners included', () => {
    const zpl = build({ practice: true });
    expect(fields(zpl).filter((t) => t === PRACTICE_WATERMARK)).toHaveLength(2);
    const height = mmToDots(152.4, 203);
    const width = mmToDots(101.6, 203);
    for (const [, x, y] of zpl.matchAll(/\^FO(\d+),(\d+)/g)) {
      expect(Number(x)).toBeLessThan(width);
      expect(Number(y)).toBeLessThan(height);
    }
  });

  it('shrinks the font for a long address instead of clipping it', () => {
    const long = 'Building 7, Unit 3, Room 1202, '.repeat(5) + 'Springfield 62704';
    const fontFor = (zpl: string, text: string) => {
      const line = zpl.split('\n').find((l) => l.includes(`^FD${text.slice(0, 10)}`));
      return Number(/\^A0N,(\d+),/.exec(line ?? '')?.[1]);
    };
    const short = build();
    const shrunk = build({ recipient: { ...input.recipient, address: long } });
    expect(fields(shrunk)).toContain(long);
    expect(fontFor(shrunk, long)).toBeLessThan(fontFor(short, input.recipient.address));
  });

  it('refuses text that cannot fit rather than printing over it', () => {
    const r = buildWaybillZpl(
      { ...input, recipient: { ...input.recipient, address: 'x '.repeat(2000) } },
      { dpi: 203 },
    );
    expect(r.ok ? null : r.error.code).toBe('text-too-long');
  });

  it('refuses CJK or Arabic text without a printer font, naming the fields', () => {
    const r = buildWaybillZpl(
      { ...input, recipient: { ...input.recipient, name: '王小明', address: 'شارع الملك فهد' } },
      { dpi: 203 },
    );
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'needs-unicode-font', fields: ['recipient.name', 'recipient.address'] },
    });
  });

  it('maps a downloaded TrueType font with ^CW when the station names one', () => {
    const r = buildWaybillZpl(
      { ...input, recipient: { ...input.recipient, name: '王小明' } },
      { dpi: 203, unicodeFont: 'E:NOTOSANSSC.TTF' },
    );
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toContain('^CW1,E:NOTOSANSSC.TTF');
    expect(r.value).not.toMatch(/\^A0N/);
    expect(fields(r.value)).toContain('王小明');
    const bad = buildWaybillZpl(input, { dpi: 203, unicodeFont: 'E:X.TTF^XZ' });
    expect(bad.ok ? null : bad.error.code).toBe('invalid-font');
  });

  it('rejects barcode data that is not letters, digits or dashes', () => {
    const r = buildWaybillZpl({ ...input, trackingNumber: 'AB>5123' }, { dpi: 203 });
    expect(r.ok ? null : r.error.code).toBe('invalid-barcode-data');
  });
});

describe('fitCode128', () => {
  it('packs digit pairs, so an all-digit number is narrower than letters of the same length', () => {
    expect(code128Modules('123456789012')).toBeLessThan(code128Modules('ABCDEFGHIJKL'));
    // start C + 6 digit pairs + check = 8 symbols of 11 modules, plus the 13-module stop
    expect(code128Modules('123456789012')).toBe(8 * 11 + 13);
  });

  it('drops to a narrower module when the preferred one does not fit, and fails below the minimum', () => {
    const long = 'TT' + 'A1B2C3D4E5'.repeat(2);
    const wide = fitCode128('12345678', 203, 800);
    const narrow = fitCode128(long, 203, 800);
    expect(wide.ok && wide.value.moduleDots).toBe(3);
    expect(narrow.ok && narrow.value.moduleDots).toBe(2);
    expect(fitCode128('A'.repeat(48), 203, 800).ok).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { createLineSplitter, MAX_LINE, parseScaleLine, scaleCommand } from './serial-protocols';

const bytes = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

function decodeStream(chunks: string[], protocol: 'mt-sics' | 'continuous' | 'auto') {
  const split = createLineSplitter();
  const out = [];
  for (const c of chunks) {
    for (const line of split.push(bytes(c)).lines) out.push(parseScaleLine(line, protocol));
  }
  return out;
}

describe('MT-SICS', () => {
  it('reads stable and dynamic weights, in any unit', () => {
    expect(parseScaleLine('S S     123.45 g', 'mt-sics')).toEqual({
      ok: true,
      value: {
        kind: 'reading',
        reading: { kind: 'weight', grams: 123.5, stable: true, unit: 'g', net: false },
      },
    });
    expect(parseScaleLine('S D       1.234 kg', 'mt-sics')).toMatchObject({
      ok: true,
      value: { reading: { grams: 1234, stable: false } },
    });
    expect(parseScaleLine('S S      2.50 lb', 'mt-sics')).toMatchObject({
      ok: true,
      value: { reading: { grams: 1134 } },
    });
  });

  it('turns a negative weight into under zero, and reads overload, underload and errors', () => {
    expect(parseScaleLine('S S     -12.30 g', 'mt-sics')).toMatchObject({
      value: { reading: { kind: 'under-zero' } },
    });
    expect(parseScaleLine('S +', 'mt-sics')).toMatchObject({
      value: { reading: { kind: 'overload' } },
    });
    expect(parseScaleLine('S -', 'mt-sics')).toMatchObject({
      value: { reading: { kind: 'under-zero' } },
    });
    expect(parseScaleLine('S I', 'mt-sics')).toMatchObject({ value: { kind: 'refused' } });
    expect(parseScaleLine('ES', 'mt-sics')).toMatchObject({ value: { kind: 'refused' } });
  });

  it('reads the answers to tare and zero', () => {
    expect(parseScaleLine('T S     100.00 g', 'mt-sics')).toMatchObject({
      value: { kind: 'ack', command: 'tare', done: true },
    });
    expect(parseScaleLine('Z A', 'mt-sics')).toMatchObject({
      value: { kind: 'ack', command: 'zero', done: true },
    });
    expect(parseScaleLine('Z I', 'mt-sics')).toMatchObject({
      value: { kind: 'ack', command: 'zero', done: false },
    });
  });

  it('decodes a recorded SIR stream split at arbitrary bytes', () => {
    const out = decodeStream(
      [
        'S D      0.5',
        '12 kg\r\nS D      0.530 kg\r',
        '\nS S      0.531 kg\r\nS S   ',
        '   0.531 kg\r\n',
      ],
      'mt-sics',
    );
    expect(out.map((r) => r.ok && r.value.kind === 'reading' && r.value.reading)).toEqual([
      { kind: 'weight', grams: 512, stable: false, unit: 'kg', net: false },
      { kind: 'weight', grams: 530, stable: false, unit: 'kg', net: false },
      { kind: 'weight', grams: 531, stable: true, unit: 'kg', net: false },
      { kind: 'weight', grams: 531, stable: true, unit: 'kg', net: false },
    ]);
  });

  it('has tare and zero commands; continuous scales have none', () => {
    expect(scaleCommand('mt-sics', 'tare')).toBe('T\r\n');
    expect(scaleCommand('mt-sics', 'zero')).toBe('Z\r\n');
    expect(scaleCommand('continuous', 'tare')).toBeNull();
  });
});

describe('continuous output of bench scales', () => {
  it('reads the A&D-style ST/US/OL lines, gross and net', () => {
    expect(parseScaleLine('ST,GS,+  1.234kg', 'continuous')).toMatchObject({
      value: { reading: { kind: 'weight', grams: 1234, stable: true, net: false } },
    });
    expect(parseScaleLine('US,NT,+00512.0 g', 'continuous')).toMatchObject({
      value: { reading: { kind: 'weight', grams: 512, stable: false, net: true } },
    });
    expect(parseScaleLine('OL,GS,+9999999 kg', 'continuous')).toMatchObject({
      value: { reading: { kind: 'overload' } },
    });
    expect(parseScaleLine('ST,GS,-  0.020kg', 'continuous')).toMatchObject({
      value: { reading: { kind: 'under-zero' } },
    });
  });

  it('reads plain number-and-unit lines (no stability flag)', () => {
    expect(parseScaleLine('wn0001.234kg', 'continuous')).toMatchObject({
      value: { reading: { kind: 'weight', grams: 1234, stable: false, net: true } },
    });
    expect(parseScaleLine('ww  12.50 g', 'continuous')).toMatchObject({
      value: { reading: { grams: 12.5 } },
    });
    expect(parseScaleLine('  0.75 lb', 'continuous')).toMatchObject({
      value: { reading: { grams: 340.2 } },
    });
    expect(parseScaleLine('-0.012kg', 'continuous')).toMatchObject({
      value: { reading: { kind: 'under-zero' } },
    });
    expect(parseScaleLine('OL', 'continuous')).toMatchObject({
      value: { reading: { kind: 'overload' } },
    });
  });

  it('refuses what is not a weight, and auto-detects both protocols', () => {
    expect(parseScaleLine('hello', 'auto')).toEqual({
      ok: false,
      error: { code: 'unrecognised', line: 'hello' },
    });
    expect(parseScaleLine('12.5 parsecs', 'continuous').ok).toBe(false);
    expect(parseScaleLine('S S 10.0 g', 'auto')).toMatchObject({
      value: { reading: { grams: 10 } },
    });
    expect(parseScaleLine('ST,GS,+10.0 g', 'auto')).toMatchObject({
      value: { reading: { grams: 10 } },
    });
  });

  it('splits STX/ETX frames, drops noise bytes and over-long garbage without a line end', () => {
    const split = createLineSplitter();
    const r1 = split.push(Uint8Array.of(0x02, ...bytes('ST,GS,+1.000kg'), 0x03, 0xff, 0x00));
    expect(r1.lines).toEqual(['ST,GS,+1.000kg']);
    const r2 = split.push(bytes('x'.repeat(MAX_LINE + 5)));
    expect(r2.dropped).toBe(1);
    const r3 = split.push(bytes('\r\nST,GS,+2.000kg\n'));
    expect(r3.lines).toEqual(['xxxx', 'ST,GS,+2.000kg']);
  });
});

import { describe, expect, it } from 'vitest';
import { extractStatusFrames, parseHostStatus, statusProblem } from './host-status';
import { canTransition, mapFailureReason } from './print-job';

// Samples written from the ZPL II guide's ~HS layout:
//   <STX>aaa,b,c,dddd,eee,f,g,h,iii,j,k,l<ETX><CR><LF>
//   <STX>mmm,n,o,p,q,r,s,t,uuuuuuuu,v,www<ETX><CR><LF>
//   <STX>xxxx,y<ETX><CR><LF>
const READY =
  '\x02030,0,0,1218,000,0,0,0,000,0,0,0\x03\r\n' +
  '\x02001,0,0,0,0,2,4,0,00000000,1,000\x03\r\n' +
  '\x021234,0\x03\r\n';
const PAPER_OUT_PAUSED =
  '\x02030,1,1,1218,001,0,0,0,000,0,0,0\x03\r\n' +
  '\x02001,0,0,0,0,2,4,0,00000001,1,000\x03\r\n' +
  '\x021234,0\x03\r\n';
const HEAD_UP_RIBBON_OUT =
  '\x02030,0,0,1800,000,0,0,0,000,0,0,0\x03\r\n' +
  '\x02001,0,1,1,1,1,4,1,00000000,1,002\x03\r\n' +
  '\x021234,1\x03\r\n';
const BUSY =
  '\x02030,0,0,1218,003,1,0,1,000,1,0,1\x03\r\n' +
  '\x02001,0,0,0,0,3,4,0,00000025,1,000\x03\r\n' +
  '\x021234,0\x03\r\n';

function parse(raw: string) {
  const r = parseHostStatus(raw);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

describe('parseHostStatus', () => {
  it('reads a ready printer', () => {
    const s = parse(READY);
    expect(s).toMatchObject({
      paperOut: false,
      paused: false,
      headUp: false,
      ribbonOut: false,
      labelLengthDots: 1218,
      formatsInBuffer: 0,
      labelsRemaining: 0,
      printMode: 'tear-off',
    });
    expect(statusProblem(s)).toBeNull();
  });

  it('reports paper out before pause (a printer pauses itself when media runs out)', () => {
    const s = parse(PAPER_OUT_PAUSED);
    expect(s.paperOut).toBe(true);
    expect(s.paused).toBe(true);
    expect(s.formatsInBuffer).toBe(1);
    expect(s.labelsRemaining).toBe(1);
    expect(statusProblem(s)).toBe('paper-out');
  });

  it('reports the head open first, and reads ribbon, thermal transfer and graphics', () => {
    const s = parse(HEAD_UP_RIBBON_OUT);
    expect(s).toMatchObject({ headUp: true, ribbonOut: true, thermalTransfer: true });
    expect(s).toMatchObject({ printMode: 'peel-off', labelWaiting: true, graphicsStored: 2 });
    expect(statusProblem(s)).toBe('head-open');
  });

  it('reads buffer counters and error flags', () => {
    const s = parse(BUSY);
    expect(s).toMatchObject({
      formatsInBuffer: 3,
      bufferFull: true,
      partialFormat: true,
      corruptRam: true,
      overTemperature: true,
      underTemperature: false,
      labelsRemaining: 25,
      printMode: 'cutter',
    });
  });

  it('only reports the paused flag when nothing physical is wrong', () => {
    const paused = READY.replace('030,0,0,1218', '030,0,1,1218');
    expect(statusProblem(parse(paused))).toBe('paused');
  });

  it('waits for all three frames, even when they arrive in pieces', () => {
    expect(extractStatusFrames(READY.slice(0, 50))).toBeNull();
    expect(extractStatusFrames(READY)).toHaveLength(3);
    expect(extractStatusFrames('noise' + READY)?.[2]).toBe('1234,0');
  });

  it('rejects answers with missing or non-numeric fields', () => {
    expect(parseHostStatus('\x02030,0,0\x03\x02001\x03\x021234,0\x03').ok).toBe(false);
    expect(parseHostStatus(READY.replace('1218', '12x8')).ok).toBe(false);
    expect(parseHostStatus(READY.replace('030,0,0', '030,2,0')).ok).toBe(false);
    expect(parseHostStatus('').ok).toBe(false);
  });
});

describe('print job rules', () => {
  it('never leaves a final state', () => {
    for (const final of ['confirmed', 'unknown', 'failed'] as const) {
      for (const to of ['queued', 'sent', 'confirmed', 'unknown', 'failed'] as const) {
        expect(canTransition(final, to)).toBe(false);
      }
    }
    expect(canTransition('queued', 'unknown')).toBe(false);
    expect(canTransition('sent', 'unknown')).toBe(true);
  });

  it("maps Electron's failure reasons to closed codes", () => {
    expect(mapFailureReason('Invalid printer settings')).toBe('invalid-printer-settings');
    expect(mapFailureReason('Print job canceled')).toBe('print-cancelled');
    expect(mapFailureReason('Print job failed')).toBe('print-failed');
    expect(mapFailureReason('')).toBe('print-failed');
  });
});

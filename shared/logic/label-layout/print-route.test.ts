import { describe, expect, it } from 'vitest';
import { parsePrintRoute, printRoutePage, printRoutePath, type PrintRoute } from './print-route';

describe('parsePrintRoute', () => {
  it('parses a label route with defaults and explicit size and dpi', () => {
    expect(parsePrintRoute('/print/label/5761', '')).toEqual({
      ok: true,
      value: { kind: 'label', orderId: '5761', size: '4x6', dpi: 203 },
    });
    expect(parsePrintRoute('/print/label/5761', '?size=a6&dpi=300')).toMatchObject({
      ok: true,
      value: { size: 'a6', dpi: 300 },
    });
  });

  it('parses slips and batches', () => {
    expect(parsePrintRoute('/print/slip/9', '?size=a4')).toMatchObject({
      ok: true,
      value: { kind: 'slip', orderId: '9', size: 'a4' },
    });
    expect(parsePrintRoute('/print/batch', '?ids=1,2,,3&doc=label')).toMatchObject({
      ok: true,
      value: { kind: 'batch', doc: 'label', orderIds: ['1', '2', '3'], size: '4x6', dpi: 203 },
    });
    expect(parsePrintRoute('/print/batch', '?ids=1&doc=slip&size=a4')).toMatchObject({
      ok: true,
      value: { kind: 'batch', doc: 'slip', size: 'a4' },
    });
  });

  it('refuses what it cannot print exactly', () => {
    const bad: Array<[string, string]> = [
      ['/print/label/5761', '?dpi=600'],
      ['/print/label/5761', '?size=letter'],
      ['/print/label/', ''],
      ['/print/label/a%20b', ''],
      ['/print/slip/1', '?size=4x6'],
      ['/print/batch', ''],
      ['/print/batch', '?ids=1&doc=invoice'],
      ['/print/receipt/1', ''],
      ['/print/label/1/extra', ''],
    ];
    for (const [path, q] of bad) {
      expect(parsePrintRoute(path, q), `${path}${q}`).toMatchObject({
        ok: false,
        error: { code: 'invalid-print-route' },
      });
    }
    expect(parsePrintRoute('/', '')).toMatchObject({ error: { code: 'not-a-print-route' } });
  });

  it('round-trips through printRoutePath', () => {
    const routes: PrintRoute[] = [
      { kind: 'label', orderId: '576140', size: 'a6', dpi: 300 },
      { kind: 'slip', orderId: 'X-1', size: 'a4' },
      { kind: 'batch', orderIds: ['1', '2'], doc: 'label', size: '100x150', dpi: 203 },
      { kind: 'batch', orderIds: ['3'], doc: 'slip', size: 'a6' },
    ];
    for (const route of routes) {
      const url = new URL(printRoutePath(route), 'http://127.0.0.1');
      expect(parsePrintRoute(url.pathname, url.search)).toEqual({ ok: true, value: route });
    }
  });

  it('gives the physical page of each document', () => {
    expect(printRoutePage({ kind: 'label', orderId: '1', size: '4x6', dpi: 203 })).toEqual({
      widthMm: 101.6,
      heightMm: 152.4,
    });
    expect(printRoutePage({ kind: 'slip', orderId: '1', size: 'a4' })).toEqual({
      widthMm: 210,
      heightMm: 297,
    });
  });
});

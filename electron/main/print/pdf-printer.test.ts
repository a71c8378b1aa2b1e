import { describe, expect, it } from 'vitest';
import type { WebContentsPrintOptions } from '../../core/ports/pdf-printer';
import { createElectronPdfPrinter, type HiddenWindow } from './pdf-printer';

function fakeWindow(probes: Array<{ ready: boolean; error: string | null }>) {
  const calls = { loaded: [] as string[], destroyed: 0, printed: [] as WebContentsPrintOptions[] };
  let destroyed = false;
  const win: HiddenWindow = {
    loadURL: async (url) => {
      calls.loaded.push(url);
    },
    destroy: () => {
      destroyed = true;
      calls.destroyed += 1;
    },
    isDestroyed: () => destroyed,
    webContents: {
      executeJavaScript: async () => probes.shift() ?? { ready: false, error: null },
      print: (options, cb) => {
        calls.printed.push(options);
        cb(true, '');
      },
    },
  };
  return { win, calls };
}

const options: WebContentsPrintOptions = {
  silent: true,
  printBackground: true,
  deviceName: 'Zebra_ZD421',
  pageSize: { width: 101_600, height: 152_400 },
  margins: { marginType: 'none' },
  copies: 1,
};

describe('Electron PDF printer adapter', () => {
  it('loads the route on our origin, waits for print-ready, then prints that window', async () => {
    const { win, calls } = fakeWindow([
      { ready: false, error: null },
      { ready: true, error: null },
    ]);
    const printer = createElectronPdfPrinter({
      createHiddenWindow: () => win,
      listPrinters: async () => [],
      sleep: async () => {},
    });
    const doc = await printer.openRoute('/print/label/576000000000000001?size=4x6&dpi=203');
    expect(calls.loaded).toEqual(['app://bundle/print/label/576000000000000001?size=4x6&dpi=203']);
    let outcome: boolean | null = null;
    doc.print(options, (ok) => {
      outcome = ok;
    });
    expect(calls.printed).toEqual([options]);
    expect(outcome).toBe(true);
    doc.close();
    doc.close();
    expect(calls.destroyed).toBe(1);
  });

  it('closes the window and fails when the page reports an error', async () => {
    const { win, calls } = fakeWindow([{ ready: false, error: 'not-found' }]);
    const printer = createElectronPdfPrinter({
      createHiddenWindow: () => win,
      listPrinters: async () => [],
      sleep: async () => {},
    });
    await expect(printer.openRoute('/print/label/1')).rejects.toThrow('not-found');
    expect(calls.destroyed).toBe(1);
    expect(calls.printed).toHaveLength(0);
  });

  it('gives up on a page that never gets ready, and closes it', async () => {
    const { win, calls } = fakeWindow([]);
    const printer = createElectronPdfPrinter({
      createHiddenWindow: () => win,
      listPrinters: async () => [],
      sleep: () => new Promise((r) => setTimeout(r, 5)),
      readyTimeoutMs: 30,
    });
    await expect(printer.openRoute('/print/label/1')).rejects.toThrow(/not ready/);
    expect(calls.destroyed).toBe(1);
  });

  it('refuses anything but a print route, without opening a window', async () => {
    let opened = 0;
    const printer = createElectronPdfPrinter({
      createHiddenWindow: () => {
        opened += 1;
        return fakeWindow([]).win;
      },
      listPrinters: async () => [
        { name: 'Zebra_ZD421', displayName: 'Zebra', description: '', isDefault: true },
      ],
      sleep: async () => {},
    });
    await expect(printer.openRoute('https://evil.example/')).rejects.toThrow(/Not a print route/);
    expect(opened).toBe(0);
    expect((await printer.getPrintersAsync()).map((p) => p.name)).toEqual(['Zebra_ZD421']);
  });
});

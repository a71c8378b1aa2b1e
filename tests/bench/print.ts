/**
 * Label step metric (issue 5): "last scan → label job handed over", in browser mode (PDF output,
 * the station's default there). Measured from the `event.timeStamp` of the Enter that ends the
 * scan completing the pack to the moment the label job's `labels` row is committed in state
 * `sent` — which in browser mode is right after the print route's window was opened. The app
 * sets a performance mark (`packbench:label-handed-over`) after that commit; both times are
 * on the page's clock. Included: the seal re-check with the (practice) shop, the pack-completion
 * transaction, the label job's two transactions and `window.open`. Not included: the label page
 * rendering in its window, or the print dialog.
 *
 * Each sample is a fresh 2-unit bench order (two SKUs), opened and confirmed through the dev hooks,
 * then packed by two wedge-scanner scans sent through CDP; label windows are closed as they open.
 */
import type { CDPSession, Page } from 'playwright-core';
import { sendScannerKeys } from '../support/scanner-keys';
import type { Station } from './harness';
import { summarize, type Summary } from './stats';

export const HANDED_OVER_MARK = 'packbench:label-handed-over';

interface Hooks {
  packing: {
    createBenchOrder(opts: { units?: number; skus?: number }): Promise<{
      orderId: string;
      barcodes: string[];
    }>;
    controller: {
      openOrder(id: string): Promise<boolean>;
      confirmAndStart(): Promise<{ ok: boolean }>;
      close(): Promise<void>;
    };
  };
}
interface ProbeWindow {
  __packbench?: Hooks;
  __enterProbe?: { enters: number[] };
}

export interface PrintStepMetrics {
  samples: number;
  /** Enter of the completing scan → `labels` row committed as `sent` (window opened). */
  last_scan_to_label_handed_over_ms: Summary;
  /** Samples lost because no label job appeared within 20 s (should be 0). */
  missing: number;
}

const PROBE = `
(() => {
  const probe = { enters: [] };
  window.__enterProbe = probe;
  window.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') probe.enters.push(e.timeStamp);
  }, { capture: true });
})();
`;

/** One scan as a wedge scanner sends it: keys 2 ms apart, each stamped with its press time. */
async function scan(cdp: CDPSession, text: string): Promise<void> {
  await sendScannerKeys(cdp, text, { shiftEvents: false });
}

async function openBenchOrder(page: Page): Promise<{ orderId: string; barcodes: string[] }> {
  const made = await page.evaluate(async () => {
    const hooks = (window as unknown as ProbeWindow).__packbench;
    if (!hooks) throw new Error('dev hooks missing (open with ?dev=1)');
    const order = await hooks.packing.createBenchOrder({ units: 2, skus: 2 });
    if (!(await hooks.packing.controller.openOrder(order.orderId))) throw new Error('not opened');
    const started = await hooks.packing.controller.confirmAndStart();
    if (!started.ok) throw new Error(`not confirmed: ${JSON.stringify(started)}`);
    (document.activeElement as HTMLElement | null)?.blur();
    return order;
  });
  await page.waitForSelector('[data-testid="checklist"]');
  return made;
}

export async function measurePrintStep(
  station: Station,
  opts: { samples: number; log: (m: string) => void },
): Promise<PrintStepMetrics> {
  const { context, page } = await station.launch();
  await context.addInitScript(PROBE);
  // Label windows (print routes) open on every completed pack: close them as they come.
  context.on('page', (p) => {
    if (p !== page) void p.close().catch(() => undefined);
  });
  await page.goto(`${station.host.url}?dev=1`);
  await page.waitForSelector('.queue-row[data-order-id]', { timeout: 180_000 });
  const cdp = await context.newCDPSession(page);

  opts.log('print: sign in…');
  await page.keyboard.press('F3');
  await page.waitForSelector('[data-testid="pack-sign-in"] input');
  await page.keyboard.type('Bench', { delay: 120 });
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="pack-operator"]');

  opts.log(`print: ${opts.samples} packs, last scan → label job handed over…`);
  const times: number[] = [];
  let missing = 0;
  for (let i = 0; i < opts.samples; i += 1) {
    const order = await openBenchOrder(page);
    const [firstCode, lastCode] = order.barcodes;
    if (firstCode === undefined || lastCode === undefined) throw new Error('bench order too small');
    await scan(cdp, firstCode);
    await page.waitForSelector('[data-testid="checklist-total"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="checklist-total"]')?.textContent?.startsWith('1'),
    );
    const entersBefore = await page.evaluate(
      () => (window as unknown as ProbeWindow).__enterProbe?.enters.length ?? 0,
    );
    await scan(cdp, lastCode);
    const sample = await page
      .waitForFunction(
        ({ id, mark, from }) => {
          const m = performance
            .getEntriesByName(mark)
            .find(
              (e) => ((e as PerformanceMark).detail as { orderId?: string } | null)?.orderId === id,
            );
          const enter = (window as unknown as ProbeWindow).__enterProbe?.enters[from];
          return m && enter !== undefined ? m.startTime - enter : null;
        },
        { id: order.orderId, mark: HANDED_OVER_MARK, from: entersBefore },
        { timeout: 20_000 },
      )
      .then((h) => h.jsonValue())
      .catch(() => null);
    if (typeof sample === 'number') times.push(sample);
    else missing += 1;
    await page.evaluate(() =>
      (window as unknown as ProbeWindow).__packbench?.packing.controller.close(),
    );
  }
  await context.close();
  return {
    samples: times.length,
    last_scan_to_label_handed_over_ms: summarize(times),
    missing,
  };
}

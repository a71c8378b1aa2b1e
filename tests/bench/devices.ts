/**
 * Devices metric (issue 16): "last scan → label handed over" with a scale and a camera attached,
 * against the same run without them, on one station and one browser.
 *
 * - Without: no scale, no camera (a bench as before issue 16).
 * - With: a continuous-output serial scale on a socat pseudo-terminal, read by the host over real
 *   serial I/O and polled by the page (the weight check runs before the label: catalog weights,
 *   learned tolerance, the weighing and its audit written), and Chromium's fake camera (fed from
 *   a Y4M file) taking the open-box photo at the last scan (JPEG encoded, stored in IndexedDB).
 *
 * Measured as the label-step metric: the Enter of the scan completing the pack → the label job's
 * `labels` row committed as `sent` (the performance mark after that commit). Between samples the
 * parcel is lifted (0 g) and the next one put on (its expected weight), as at a real bench: the
 * padlock lets a weight belong to one parcel only.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, writeSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/env';
import { writeY4m } from '../support/fake-video';
import { sendScannerKeys } from '../support/scanner-keys';
import type { Station } from './harness';
import { summarize, type Summary } from './stats';

const HANDED_OVER_MARK = 'packbench:label-handed-over';

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

export interface DevicesMetrics {
  samples: number;
  last_scan_to_label_handed_over_no_devices_ms: Summary;
  last_scan_to_label_handed_over_scale_camera_ms: Summary;
  /** p99 with the scale and camera over p99 without, same run. */
  scale_camera_p99_ratio_to_no_devices: number;
  /** With devices: weighings and photos stored during the run (each should equal samples). */
  weighings_recorded: number;
  photos_stored: number;
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

async function simulatedScale() {
  const dir = await mkdtemp(join(tmpdir(), 'pb-bench-scale-'));
  const path = join(dir, 'ttyScale');
  const feed = join(dir, 'ttyFeed');
  const socat = spawn('socat', [`pty,raw,echo=0,link=${path}`, `pty,raw,echo=0,link=${feed}`]);
  socat.on('error', () => undefined);
  for (let i = 0; i < 200 && !(existsSync(path) && existsSync(feed)); i += 1) {
    await new Promise((r) => setTimeout(r, 25));
  }
  if (!existsSync(feed))
    throw new Error('socat is needed for the devices bench (apt-get install socat)');
  const fd = openSync(feed, 'w');
  let grams = 0;
  const timer = setInterval(() => {
    try {
      writeSync(fd, `ST,GS,+${(grams / 1000).toFixed(3).padStart(7, ' ')}kg\r\n`);
    } catch {
      // not open yet
    }
  }, 100);
  return {
    path,
    set: (g: number) => void (grams = g),
    close: () => {
      clearInterval(timer);
      closeSync(fd);
      socat.kill();
    },
  };
}

async function putSetting(page: Page, key: string, value: unknown) {
  await page.evaluate(
    async ({ key, value }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('packbench-practice');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(new Error(String(r.error)));
      });
      const tx = db.transaction('settings', 'readwrite');
      tx.objectStore('settings').put({ key, value });
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error(String(tx.error)));
      });
      db.close();
    },
    { key, value },
  );
}

async function count(page: Page, store: string): Promise<number> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(String(r.error)));
    });
    const n = await new Promise<number>((resolve, reject) => {
      const req = db.transaction(name).objectStore(name).count();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(new Error(String(req.error)));
    });
    db.close();
    return n;
  }, store);
}

/** Σ catalog weights of an order's lines (what a correct parcel weighs, packaging 0). */
async function expectedGrams(page: Page, orderId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('packbench-practice');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(String(r.error)));
    });
    const get = <T>(store: string, key: string) =>
      new Promise<T>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).get(key);
        req.onsuccess = () => resolve(req.result as T);
        req.onerror = () => reject(new Error(String(req.error)));
      });
    const order = await get<{ lines: Array<{ skuId: string }> }>('orders', id);
    let sum = 0;
    for (const l of order.lines)
      sum += (await get<{ weightGrams: number }>('products', l.skuId)).weightGrams;
    db.close();
    return sum;
  }, orderId);
}

async function samplePack(
  page: Page,
  cdp: CDPSession,
  before?: (orderId: string) => Promise<void>,
) {
  const order = await page.evaluate(async () => {
    const hooks = (window as unknown as ProbeWindow).__packbench;
    if (!hooks) throw new Error('dev hooks missing (open with ?dev=1)');
    const o = await hooks.packing.createBenchOrder({ units: 2, skus: 2 });
    if (!(await hooks.packing.controller.openOrder(o.orderId))) throw new Error('not opened');
    const started = await hooks.packing.controller.confirmAndStart();
    if (!started.ok) throw new Error(`not confirmed: ${JSON.stringify(started)}`);
    (document.activeElement as HTMLElement | null)?.blur();
    return o;
  });
  await page.waitForSelector('[data-testid="checklist"]');
  const [firstCode, lastCode] = order.barcodes;
  if (firstCode === undefined || lastCode === undefined) throw new Error('bench order too small');
  // A burst that reached a loaded page in pieces is "not understood" and counts nothing: rescan.
  for (let attempt = 1; ; attempt += 1) {
    await sendScannerKeys(cdp, firstCode, { shiftEvents: false });
    const counted = await page
      .waitForFunction(
        () =>
          document.querySelector('[data-testid="checklist-total"]')?.textContent?.startsWith('1'),
        undefined,
        { timeout: 3000 },
      )
      .then(() => true)
      .catch(() => false);
    if (counted) break;
    if (attempt >= 3) throw new Error(`first scan of ${order.orderId} never counted`);
  }
  await before?.(order.orderId);
  const from = await page.evaluate(
    () => (window as unknown as ProbeWindow).__enterProbe?.enters.length ?? 0,
  );
  await sendScannerKeys(cdp, lastCode, { shiftEvents: false });
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
      { id: order.orderId, mark: HANDED_OVER_MARK, from },
      { timeout: 10_000 },
    )
    .then((h) => h.jsonValue())
    .catch(() => null);
  // Let the photo (if any) finish before the next order.
  await page.waitForTimeout(300);
  await page.evaluate(() =>
    (window as unknown as ProbeWindow).__packbench?.packing.controller.close(),
  );
  return typeof sample === 'number' ? sample : null;
}

async function signIn(page: Page) {
  await page.keyboard.press('F3');
  const signIn = page.locator('[data-testid="pack-sign-in"] input');
  const signedIn = page.locator('[data-testid="pack-operator"]');
  await Promise.race([signIn.waitFor(), signedIn.waitFor()]);
  if (await signIn.isVisible()) {
    await signIn.focus();
    await page.keyboard.type('Bench', { delay: 120 });
    await page.keyboard.press('Enter');
  }
  await signedIn.waitFor();
}

export async function measureDevices(
  station: Station,
  opts: { samples: number; log: (m: string) => void },
): Promise<DevicesMetrics> {
  const video = join(station.dataDir, '..', 'bench.y4m');
  writeY4m(video, 640, 480);
  const scale = await simulatedScale();
  const context = await chromium.launchPersistentContext(station.profileDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1600, height: 900 },
    permissions: ['camera'],
    args: [
      ...CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ],
  });
  try {
    await context.addInitScript('globalThis.__name ??= (f) => f;');
    await context.addInitScript(PROBE);
    const page = context.pages()[0] ?? (await context.newPage());
    context.on('page', (p) => {
      if (p !== page) void p.close().catch(() => undefined);
    });
    await page.goto(`${station.host.url}?dev=1`);
    await page.waitForSelector('.queue-row[data-order-id]', { timeout: 180_000 });
    const cdp = await context.newCDPSession(page);
    await signIn(page);

    let missing = 0;
    opts.log(`devices: ${opts.samples} packs without scale and camera…`);
    const without: number[] = [];
    for (let i = 0; i < opts.samples; i += 1) {
      const s = await samplePack(page, cdp);
      if (s === null) missing += 1;
      else without.push(s);
    }

    opts.log('devices: attaching the serial scale (pty) and the camera…');
    await putSetting(page, 'devices.scale', {
      source: 'serial',
      serial: { path: scale.path, baudRate: 9600, protocol: 'continuous' },
      hid: null,
      packagingGrams: 0,
      unit: 'g',
      waitMs: 3000,
    });
    await putSetting(page, 'devices.evidence', {
      enabled: true,
      deviceId: '',
      onLastScan: true,
      retentionDays: 120,
      width: 1280,
    });
    // Settings written outside Dexie are read at start: reload, as after changing Settings.
    await page.goto(`${station.host.url}?dev=1`);
    await page.waitForSelector('.queue-row[data-order-id]', { timeout: 180_000 });
    await signIn(page);
    await page.waitForTimeout(1500); // the scale connects and the camera starts
    const weighingsBefore = await count(page, 'weighings');
    const photosBefore = await count(page, 'evidence');
    opts.log(`devices: ${opts.samples} packs with scale and camera…`);
    const withDevices: number[] = [];
    for (let i = 0; i < opts.samples; i += 1) {
      const s = await samplePack(page, cdp, async (orderId) => {
        // The last parcel lifted, this one put on: settled before the last scan.
        scale.set(0);
        await page.waitForTimeout(350);
        scale.set(await expectedGrams(page, orderId));
        await page.waitForTimeout(350);
      });
      if (s === null) missing += 1;
      else withDevices.push(s);
    }
    const a = summarize(without);
    const b = summarize(withDevices);
    return {
      samples: opts.samples,
      last_scan_to_label_handed_over_no_devices_ms: a,
      last_scan_to_label_handed_over_scale_camera_ms: b,
      scale_camera_p99_ratio_to_no_devices: a.p99 > 0 ? b.p99 / a.p99 : Number.NaN,
      weighings_recorded: (await count(page, 'weighings')) - weighingsBefore,
      photos_stored: (await count(page, 'evidence')) - photosBefore,
      missing,
    };
  } finally {
    await context.close();
    scale.close();
  }
}

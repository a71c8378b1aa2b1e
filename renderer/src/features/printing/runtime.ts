/**
 * The printing feature wired to the app: the label service on the station's repositories and the
 * bridge, the after-pack listener (the label step), the scan handler for label verification and
 * the platform document fetcher. One runtime per data context (opened database).
 *
 * Browser mode opens the print route with `window.open` (same origin; the CSP restricts what a
 * page loads, not which windows it opens) and, once the page says `data-print-ready`, opens its
 * print dialog. The desktop app never opens windows (its window-open guard denies every one): it
 * prints silently through `printer.printLabel`, and saves a platform PDF as a download.
 */
import type { HostKind } from '#shared/bridge/contract';
import type { Repositories } from '../../data/repositories';
import { DOCUMENT_STATUSES } from '../../data/repositories/labels-repository';
import type { DocumentRow } from '../../data/rows';
import { cues } from '../../lib/sounds';
import { log } from '../../lib/logger';
import { bridge } from '../../platform/bridge';
import { packingStore } from '../../stores/packing-store';
import { getSessionState } from '../../stores/session-store';
import { orderWeightGrams } from '#shared/logic/label-layout/text';
import { DEFAULT_SENDER, SENDER_SETTING_KEY, Sender } from '../labels/documents';
import { addAfterPackListener, setCompletedScanHandler } from '../packing/after-pack';
import { createDocumentFetcher, type DocumentFetcher } from './document-fetcher';
import { isVerified } from './label-job';
import { labelGate } from './label-gate';
import { createLabelService, type LabelService, type Who } from './label-service';
import { labelStepStore } from './label-step-store';
import { PRINTER_SETTINGS_KEY, readSettings } from './settings';

/** Performance mark set when a label job is handed over (bench: last scan → label job). */
export const HANDED_OVER_MARK = 'packbench:label-handed-over';

export function hostKind(): HostKind {
  return typeof window !== 'undefined' && window.packbench ? 'electron' : 'web';
}

function who(): Who {
  const s = getSessionState();
  return { packer: s.operator?.name ?? 'station', station: s.stationId };
}

/** Opens the print route in a new window and its print dialog once the page is ready. */
function openRouteWindow(route: string, printDialog: boolean): boolean {
  const w = window.open(route, '_blank', 'popup,width=520,height=760');
  if (!w) return false;
  if (printDialog) {
    const started = performance.now();
    const timer = window.setInterval(() => {
      try {
        if (w.closed || performance.now() - started > 60_000) {
          window.clearInterval(timer);
          return;
        }
        const body = w.document.body as HTMLElement | null;
        if (body?.dataset.printError) window.clearInterval(timer);
        else if (body?.dataset.printReady === 'true') {
          window.clearInterval(timer);
          w.focus();
          w.print();
        }
      } catch {
        window.clearInterval(timer);
      }
    }, 100);
  }
  return true;
}

function pdfBlobUrl(doc: DocumentRow): string {
  const bin = atob(doc.dataBase64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) bytes[i] = bin.charCodeAt(i);
  return URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
}

/** Browser: the stored PDF in a new window. Desktop: saved as a download (no windows there). */
function openPdfDocument(doc: DocumentRow): boolean {
  const url = pdfBlobUrl(doc);
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  if (hostKind() === 'electron') {
    const a = document.createElement('a');
    a.href = url;
    a.download = `label-${doc.orderId}-${doc.packageId}.pdf`;
    a.click();
    return true;
  }
  return window.open(url, '_blank') !== null;
}

export interface LabelRuntime {
  service: LabelService;
  fetcher: DocumentFetcher;
  who: () => Who;
  /** Registers the after-pack listener and the scan handler, starts the fetcher. */
  start(): () => void;
}

const runtimes = new WeakMap<Repositories, LabelRuntime>();

export function labelRuntimeFor(repos: Repositories): LabelRuntime {
  const existing = runtimes.get(repos);
  if (existing) return existing;
  const host = hostKind();
  const api = () => bridge();
  const service = createLabelService({
    repo: repos.labels,
    host,
    settings: async () => readSettings(await repos.labels.setting(PRINTER_SETTINGS_KEY), host),
    loadData: async (orderId) => {
      const order = await repos.orders.get(orderId);
      if (!order) return null;
      const products = await repos.catalog.bySkuIds(order.lines.map((l) => l.skuId));
      const grams = new Map<string, number>();
      for (const p of products) if (p) grams.set(p.id, p.weightGrams);
      const parsed = Sender.safeParse(await repos.labels.setting(SENDER_SETTING_KEY));
      return {
        order,
        sender: parsed.success ? parsed.data : DEFAULT_SENDER,
        weightGrams: orderWeightGrams(order.lines, grams),
        handling: {},
        practice: order.practice,
      };
    },
    ownerOf: async (code) => (await repos.orders.findByAnyId(code))?.order.id ?? null,
    print: {
      printLabel: (args) => api().printer.printLabel(args),
      zplSend: (args) => api().zpl.send(args),
    },
    openRoute: openRouteWindow,
    openPdf: openPdfDocument,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    tzOffsetMinutes: () => -new Date().getTimezoneOffset(),
    gate: (order, w, mode) => labelGate()?.(order, w, mode) ?? Promise.resolve(null),
    onHandedOver: (job) => {
      try {
        performance.mark(HANDED_OVER_MARK, { detail: { orderId: job.orderId, state: job.state } });
      } catch {
        // Marks are best effort.
      }
    },
  });
  const fetcher = createDocumentFetcher({
    candidates: (limit, skip) => repos.labels.documentCandidates(limit, skip),
    store: (row, audit) => repos.labels.putDocument(row, audit),
    getShippingDocument: (args) => api().shop.getShippingDocument(args),
    online: () => navigator.onLine,
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
    station: () => getSessionState().stationId,
    setTimer: (fn, ms) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
    log: (level, message, context) => log[level](message, context),
  });

  async function onScan(code: string): Promise<boolean> {
    const s = packingStore.getState();
    const order = s.order;
    if (s.phase !== 'completed' || !order) return false;
    const jobs = await repos.labels.jobsFor(order.id);
    // Only while a printed label waits for its scan; afterwards a scan opens the next order.
    if (isVerified(jobs) || !jobs.some((j) => j.state !== 'failed' && j.state !== 'queued')) {
      return false;
    }
    const decision = await service.verify(order.id, code, who());
    if (!decision) return false;
    labelStepStore.getState().actions.scanned(order.id, decision, Date.now());
    const volume = getSessionState().soundVolume;
    if (decision.kind === 'verified') cues.play('success', volume);
    else if (decision.kind === 'wrong-label') {
      // Louder than any other mistake: the error cue twice, and a full-width alert.
      cues.play('error', volume);
      setTimeout(() => cues.play('error', volume), 750);
    } else cues.play('warning', volume);
    return true;
  }

  const runtime: LabelRuntime = {
    service,
    fetcher,
    who,
    start() {
      const stopListener = addAfterPackListener((done) => {
        const actions = labelStepStore.getState().actions;
        actions.started(done.order.id);
        const w = { packer: done.packer, station: done.station };
        void service
          .afterPack(done.order, w)
          .then((out) => {
            actions.handedOver(done.order.id, out);
            if (
              out.kind === 'waiting-platform-label' &&
              (DOCUMENT_STATUSES as readonly string[]).includes(done.order.status)
            ) {
              void fetcher.fetchNow(done.order);
            }
          })
          .catch((cause: unknown) => {
            log.error('label step failed', { orderId: done.order.id, error: String(cause) });
            actions.handedOver(done.order.id, { kind: 'error', message: String(cause) });
          });
      });
      const stopScans = setCompletedScanHandler(onScan);
      fetcher.start();
      return () => {
        stopListener();
        stopScans();
        fetcher.stop();
      };
    },
  };
  runtimes.set(repos, runtime);
  return runtime;
}

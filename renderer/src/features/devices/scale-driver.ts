/**
 * Connects the configured scale and feeds the scale store:
 * - **serial** (host): `scale.connect`, then polls `scale.read` by sequence number (every
 *   reading once, in order); reconnects after the scale went away.
 * - **USB HID** (WebHID, in the page): opens the device the packer picked once, parses its input
 *   reports (HID point-of-sale scale usage page), and drops the first report (stale data).
 */
import { HID_SCALE_USAGE_PAGE, parseHidScaleReport } from '#shared/logic/scale/hid-report';
import { log } from '../../lib/logger';
import { bridge } from '../../platform/bridge';
import { scaleStore } from './scale-store';
import type { ScaleSettings } from './settings';

export const POLL_MS = 100;
const RECONNECT_MS = 2000;

/** The bits of WebHID we use (lib.dom has no WebHID types). */
interface HidDeviceLike extends EventTarget {
  opened: boolean;
  vendorId: number;
  productId: number;
  productName: string;
  open(): Promise<void>;
  close(): Promise<void>;
}
interface HidInputReportEvent extends Event {
  reportId: number;
  data: DataView;
}
interface HidLike extends EventTarget {
  getDevices(): Promise<HidDeviceLike[]>;
  requestDevice(options: {
    filters: Array<{ usagePage?: number; vendorId?: number }>;
  }): Promise<HidDeviceLike[]>;
}

export function webHid(): HidLike | null {
  const nav = navigator as Navigator & { hid?: HidLike };
  return nav.hid ?? null;
}

/** Asks the packer to pick a USB scale (must run in a click). */
export async function pickHidScale(): Promise<HidDeviceLike | null> {
  const hid = webHid();
  if (!hid) return null;
  const picked = await hid.requestDevice({ filters: [{ usagePage: HID_SCALE_USAGE_PAGE }] });
  return picked[0] ?? null;
}

function startSerial(settings: NonNullable<ScaleSettings['serial']>): () => void {
  const actions = scaleStore.getState().actions;
  let stopped = false;
  let afterSeq = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const schedule = (fn: () => void, ms: number) => {
    if (!stopped) timer = setTimeout(fn, ms);
  };

  async function connect() {
    const r = await bridge().scale.connect(settings);
    if (stopped) return;
    if (!r.ok) {
      actions.lost(r.error.message);
      schedule(() => void connect(), RECONNECT_MS);
      return;
    }
    afterSeq = 0;
    actions.connected(settings.path);
    schedule(() => void poll(), POLL_MS);
  }

  async function poll() {
    const r = await bridge().scale.read({ afterSeq });
    if (stopped) return;
    if (!r.ok) {
      actions.lost(r.error.message);
      schedule(() => void connect(), RECONNECT_MS);
      return;
    }
    const { status, readings, unrecognised } = r.value;
    if (readings.length > 0) {
      afterSeq = readings.at(-1)?.seq ?? afterSeq;
      actions.readings(readings.map((x) => ({ reading: x.reading, at: Date.now() })));
    }
    actions.unrecognised(unrecognised);
    if (!status.connected) {
      actions.lost(status.lastError);
      schedule(() => void connect(), RECONNECT_MS);
      return;
    }
    schedule(() => void poll(), POLL_MS);
  }

  void connect();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    void bridge().scale.disconnect({});
  };
}

function startHid(settings: NonNullable<ScaleSettings['hid']>): () => void {
  const actions = scaleStore.getState().actions;
  const hid = webHid();
  if (!hid) {
    actions.lost('This browser has no WebHID: use a serial scale, or Chromium / the desktop app');
    return () => {};
  }
  let device: HidDeviceLike | null = null;
  let stopped = false;
  let first = true;
  const onReport = (e: Event) => {
    const ev = e as HidInputReportEvent;
    if (first) {
      first = false; // the first report carries the last weight before we listened
      return;
    }
    const data = new Uint8Array(ev.data.buffer, ev.data.byteOffset, ev.data.byteLength);
    const r = parseHidScaleReport(ev.reportId, data);
    if (r.ok) actions.readings([{ reading: r.value, at: Date.now() }]);
  };
  const onDisconnect = (e: Event) => {
    const gone = (e as Event & { device?: HidDeviceLike }).device;
    if (gone && gone === device) {
      device = null;
      actions.lost('The USB scale was unplugged');
    }
  };
  const onConnect = () => void open();

  async function open() {
    const devices = await hid!.getDevices();
    const d = devices.find(
      (x) => x.vendorId === settings.vendorId && x.productId === settings.productId,
    );
    if (stopped) return;
    if (!d) {
      actions.lost(`USB scale ${settings.name} is not plugged in (or not allowed yet)`);
      return;
    }
    try {
      if (!d.opened) await d.open();
    } catch (cause) {
      actions.lost(`USB scale ${settings.name} could not be opened: ${String(cause)}`);
      return;
    }
    device = d;
    first = true;
    d.addEventListener('inputreport', onReport);
    actions.connected(d.productName || settings.name);
  }

  hid.addEventListener('disconnect', onDisconnect);
  hid.addEventListener('connect', onConnect);
  void open();
  return () => {
    stopped = true;
    hid.removeEventListener('disconnect', onDisconnect);
    hid.removeEventListener('connect', onConnect);
    if (device) {
      device.removeEventListener('inputreport', onReport);
      void device.close().catch(() => undefined);
    }
  };
}

/** Starts the configured scale; returns its stop function. */
export function startScale(settings: ScaleSettings): () => void {
  const actions = scaleStore.getState().actions;
  actions.configured(settings);
  if (settings.source === 'serial' && settings.serial) return startSerial(settings.serial);
  if (settings.source === 'hid' && settings.hid) return startHid(settings.hid);
  actions.lost(null);
  log.info('no scale configured');
  return () => {};
}

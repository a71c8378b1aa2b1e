/**
 * The devices wired to the app: the scale driver, the weight check in front of the first label,
 * and the camera taking evidence at the last scan. Both devices are optional: with neither
 * configured nothing here does any work, and the label prints as before.
 */
import type { OrderRow } from '#shared/domain/order';
import type { Repositories } from '../../data/repositories';
import type { EvidenceKind, EvidenceRow } from '../../data/rows-devices';
import { cues } from '../../lib/sounds';
import { log } from '../../lib/logger';
import { getSessionState } from '../../stores/session-store';
import { addAfterPackListener } from '../packing/after-pack';
import { setLabelGate } from '../printing/label-gate';
import { createCamera, type Camera } from './camera';
import { devicesStore } from './devices-store';
import { scaleStore, waitForTakeable } from './scale-store';
import type { EvidenceSettings } from './settings';
import { weighForLabel, type Who } from './weight-check';

const DAY_MS = 24 * 60 * 60 * 1000;

export function who(): Who {
  const s = getSessionState();
  return { packer: s.operator?.name ?? 'station', station: s.stationId };
}

export function weightDeps(repos: Repositories) {
  return {
    repos,
    scale: () => {
      const s = scaleStore.getState().settings;
      return s.source === 'none'
        ? null
        : { source: s.source, packagingGrams: s.packagingGrams, waitMs: s.waitMs };
    },
    waitForWeight: waitForTakeable,
    lockWeight: () => scaleStore.getState().actions.lock(),
    now: () => Date.now(),
    newId: () => crypto.randomUUID(),
  };
}

/** Runs the weight check for `order` and publishes it for the label step's panel. */
export async function runWeightCheck(
  repos: Repositories,
  order: OrderRow,
  w: Who,
  mode: 'after-pack' | 'print-first',
) {
  const actions = devicesStore.getState().actions;
  if (scaleStore.getState().settings.source === 'none') return null;
  actions.weight(order.id, { kind: 'weighing' });
  const gate = await weighForLabel(order, w, mode, weightDeps(repos));
  actions.weight(order.id, gate);
  const volume = getSessionState().soundVolume;
  if (gate.kind === 'blocked') {
    // Like a mis-scan: the error cue twice, and the panel in red.
    cues.play('error', volume);
    setTimeout(() => cues.play('error', volume), 600);
  }
  return gate;
}

export interface DevicesRuntime {
  camera: Camera;
  /** Takes a photo for `order` and stores it; the result also goes to the devices store. */
  photo(
    order: Pick<OrderRow, 'id'>,
    kind: EvidenceKind,
    trigger: EvidenceRow['trigger'],
  ): Promise<void>;
  startCamera(settings: EvidenceSettings): Promise<void>;
  stopCamera(): void;
  /** The label gate and the after-pack photo; returns the stop function. */
  start(): () => void;
}

const runtimes = new WeakMap<Repositories, DevicesRuntime>();

export function devicesRuntimeFor(repos: Repositories): DevicesRuntime {
  const existing = runtimes.get(repos);
  if (existing) return existing;
  const camera = createCamera();
  const cam = () => devicesStore.getState().camera;
  const setCam = (
    patch: Parameters<ReturnType<typeof devicesStore.getState>['actions']['camera']>[0],
  ) => devicesStore.getState().actions.camera(patch);

  const runtime: DevicesRuntime = {
    camera,
    async photo(order, kind, trigger) {
      const shot = await camera.capture();
      if (!shot.ok) {
        setCam({
          last: { orderId: order.id, ok: false, message: shot.error.message, at: Date.now() },
        });
        log.warn('evidence photo failed', { orderId: order.id, code: shot.error.code });
        return;
      }
      const w = who();
      const saved = await repos.evidence.save({
        id: crypto.randomUUID(),
        orderId: order.id,
        at: Date.now(),
        kind,
        mime: shot.value.mime,
        bytes: shot.value.data.byteLength,
        width: shot.value.width,
        height: shot.value.height,
        data: shot.value.data,
        packer: w.packer,
        station: w.station,
        trigger,
      });
      setCam({
        last: {
          orderId: order.id,
          ok: saved.ok,
          message: saved.ok ? null : saved.error.message,
          at: Date.now(),
        },
      });
      if (!saved.ok) {
        cues.play('error', getSessionState().soundVolume);
        log.error('evidence photo not stored', { orderId: order.id, code: saved.error.code });
      }
    },
    async startCamera(settings) {
      setCam({ settings, status: 'starting', error: null });
      if (!settings.enabled) {
        camera.stop();
        setCam({ status: 'off' });
        return;
      }
      const r = await camera.start(settings.deviceId, settings.width);
      if (cam().settings !== settings) return; // settings changed meanwhile
      setCam(r.ok ? { status: 'on' } : { status: 'error', error: r.error.message });
      // Retention: evidence older than the setting goes.
      const pruned = await repos.evidence.pruneBefore(Date.now() - settings.retentionDays * DAY_MS);
      if (pruned > 0) log.info('evidence pruned by retention', { pruned });
    },
    stopCamera() {
      camera.stop();
      setCam({ status: 'off' });
    },
    start() {
      const stopGate = setLabelGate(async (order, w, mode) => {
        const gate = await runWeightCheck(repos, order, w, mode);
        return gate?.kind === 'blocked' ? { kind: 'weight-blocked' } : null;
      });
      const stopPhotos = addAfterPackListener((done) => {
        const s = cam().settings;
        if (!s?.enabled || !s.onLastScan || !camera.running()) return;
        void runtime.photo(done.order, 'open-box', 'last-scan');
      });
      return () => {
        stopGate();
        stopPhotos();
        camera.stop();
      };
    },
  };
  runtimes.set(repos, runtime);
  return runtime;
}

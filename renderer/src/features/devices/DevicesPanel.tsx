import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { OrderRow } from '#shared/domain/order';
import { DEFAULT_WEIGHT_POLICY } from '#shared/logic/weight/tolerance';
import { Modal } from '../../app/Modal';
import { useRepos } from '../../data/context';
import { devicesStore } from './devices-store';
import { formatWeight } from './format';
import { devicesRuntimeFor, runWeightCheck, who } from './runtime';
import { scaleStore } from './scale-store';
import { recordWeightOverride, type WeightGate } from './weight-check';
import './devices.css';

/** The scale's live line: weight, settled or moving, or what is wrong. */
export function ScaleLine() {
  const { t } = useTranslation();
  const s = useStore(scaleStore);
  if (s.settings.source === 'none') return null;
  if (!s.connected) {
    return (
      <p className="scale-line scale-line--off" data-testid="scale-line" data-state="off">
        {t('devices.scale.disconnected')}
        {s.error ? ` — ${s.error}` : ''}
      </p>
    );
  }
  const last = s.last?.reading;
  const problem = s.stability.problem;
  const grams = last?.kind === 'weight' ? last.grams : null;
  const state = problem ? 'problem' : s.stability.settled !== null ? 'settled' : 'moving';
  return (
    <p className={`scale-line scale-line--${state}`} data-testid="scale-line" data-state={state}>
      <span className="scale-line__weight mono">
        {grams === null ? '—' : formatWeight(grams, s.settings.unit)}
      </span>{' '}
      {problem
        ? t(`devices.scale.problems.${problem}`)
        : s.stability.locked
          ? t('devices.scale.locked')
          : state === 'settled'
            ? t('devices.scale.settled')
            : t('devices.scale.moving')}
    </p>
  );
}

function OverrideDialog(props: {
  order: OrderRow;
  blocked: Extract<WeightGate, { kind: 'blocked' }>;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const repos = useRepos();
  const [supervisor, setSupervisor] = useState('');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    if (supervisor.trim() === '') return setError(t('devices.weight.needSupervisor'));
    if (reason.trim().length < 3) return setError(t('devices.weight.needReason'));
    if (!(await repos.packing.hasSupervisorPin())) return setError(t('devices.weight.noPin'));
    if (!(await repos.packing.verifySupervisorPin(pin))) {
      await repos.weighings.recordRefusedOverride(
        props.order.id,
        who(),
        { refused: 'bad-pin', supervisor: supervisor.trim() },
        Date.now(),
      );
      return setError(t('devices.weight.badPin'));
    }
    const source = scaleStore.getState().settings.source;
    const row = await recordWeightOverride(
      props.order,
      props.blocked,
      who(),
      supervisor.trim(),
      reason.trim(),
      {
        repos,
        now: () => Date.now(),
        newId: () => crypto.randomUUID(),
        source: source === 'none' ? 'serial' : source,
      },
    );
    devicesStore.getState().actions.weight(props.order.id, { kind: 'pass', weighing: row });
    props.onDone();
  }

  return (
    <Modal
      title={t('devices.weight.overrideTitle')}
      onClose={props.onClose}
      testId="weight-override-dialog"
    >
      <form
        className="modal-form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          setError(null);
          void submit().finally(() => setBusy(false));
        }}
      >
        <label>
          {t('devices.weight.supervisor')}
          <input
            className="pack-input"
            value={supervisor}
            autoFocus
            onChange={(e) => setSupervisor(e.target.value)}
          />
        </label>
        <label>
          {t('devices.weight.pin')}
          <input
            className="pack-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <label>
          {t('devices.weight.reason')}
          <input
            className="pack-input"
            value={reason}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="big-button big-button--danger" disabled={busy}>
            {t('devices.weight.submit')}
          </button>
          <button type="button" className="big-button" onClick={props.onClose}>
            {t('devices.weight.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function WeightCheck(props: { order: OrderRow; onCleared: () => void }) {
  const { t } = useTranslation();
  const repos = useRepos();
  const unit = useStore(scaleStore, (s) => s.settings.unit);
  const mine = useStore(devicesStore, (s) => s.orderId === props.order.id);
  const step = useStore(devicesStore, (s) => s.weight);
  const [dialog, setDialog] = useState(false);
  if (!mine || step.kind === 'idle') return null;
  const fmt = (g: number) => formatWeight(g, unit);
  const tolerance = step.kind === 'blocked' ? step.tolerance : null;
  const w = step.kind === 'pass' || step.kind === 'blocked' ? step.weighing : null;
  const expected =
    w && w.centreGrams !== null && w.toleranceGrams !== null
      ? { centre: w.centreGrams, tol: w.toleranceGrams, samples: w.samples, learned: w.learned }
      : tolerance
        ? {
            centre: tolerance.centreGrams,
            tol: tolerance.toleranceGrams,
            samples: tolerance.samples,
            learned: tolerance.learned,
          }
        : null;
  return (
    <div
      className={`weight-check weight-check--${step.kind}`}
      data-testid="weight-check"
      data-state={step.kind}
      data-reason={step.kind === 'blocked' ? step.reason : ''}
      data-grams={w ? String(w.grams) : ''}
      role={step.kind === 'blocked' ? 'alert' : undefined}
    >
      <div className="weight-check__title">{t('devices.weight.title')}</div>
      {step.kind === 'weighing' ? (
        <p className="weight-check__big">{t('devices.weight.weighing')}</p>
      ) : null}
      {step.kind === 'pass' && w ? (
        <p className="weight-check__big">
          {w.verdict === 'unchecked'
            ? t('devices.weight.unchecked', { weight: fmt(w.grams) })
            : w.verdict === 'overridden'
              ? t('devices.weight.overridden', {
                  supervisor: w.supervisor ?? '',
                  reason: w.reason ?? '',
                })
              : t('devices.weight.passed', { weight: fmt(w.grams) })}
        </p>
      ) : null}
      {step.kind === 'blocked' ? (
        <>
          <p className="weight-check__big">
            {t(`devices.weight.blocked.${step.reason}`, { weight: w ? fmt(w.grams) : '' })}
          </p>
          <p>{t('devices.weight.hint')}</p>
        </>
      ) : null}
      {expected ? (
        <p className="weight-check__expected">
          {t('devices.weight.expected', {
            expected: fmt(expected.centre),
            tolerance: fmt(expected.tol),
          })}
          {' · '}
          {expected.learned
            ? t('devices.weight.learned', { count: expected.samples })
            : t('devices.weight.notLearned', { min: DEFAULT_WEIGHT_POLICY.minSamples })}
        </p>
      ) : null}
      {step.kind === 'blocked' ? (
        <div className="button-row">
          <button
            type="button"
            className="big-button big-button--primary"
            data-testid="weight-reweigh"
            onClick={() => {
              const before = step;
              void runWeightCheck(repos, props.order, who(), 'after-pack').then((g) => {
                if (g?.kind === 'pass') props.onCleared();
                // The parcel was not lifted (the weight is still locked to it): keep its weighing.
                else if (g?.reason === 'no-weight' && before.weighing) {
                  devicesStore.getState().actions.weight(props.order.id, before);
                }
              });
            }}
          >
            {t('devices.weight.reweigh')}
          </button>
          <button
            type="button"
            className="big-button big-button--danger"
            data-testid="weight-override"
            onClick={() => setDialog(true)}
          >
            {t('devices.weight.override')}
          </button>
        </div>
      ) : null}
      {dialog && step.kind === 'blocked' ? (
        <OverrideDialog
          order={props.order}
          blocked={step}
          onClose={() => setDialog(false)}
          onDone={() => {
            setDialog(false);
            props.onCleared();
          }}
        />
      ) : null}
    </div>
  );
}

function CameraLine(props: { order: OrderRow }) {
  const { t } = useTranslation();
  const repos = useRepos();
  const camera = useStore(devicesStore, (s) => s.camera);
  if (!camera.settings?.enabled) return null;
  const last = camera.last?.orderId === props.order.id ? camera.last : null;
  return (
    <div className="camera-line" data-testid="camera-line" data-status={camera.status}>
      {camera.status === 'error' ? (
        <p className="error-text">
          {t('devices.evidence.cameraError', { message: camera.error ?? '' })}
        </p>
      ) : null}
      {last ? (
        <p
          className={last.ok ? 'ok-text' : 'error-text'}
          data-testid="camera-last"
          data-ok={last.ok ? 'true' : 'false'}
        >
          {last.ok
            ? `📷 ${t('devices.evidence.taken')}`
            : t('devices.evidence.failed', { message: last.message ?? '' })}
        </p>
      ) : null}
      {camera.status === 'on' ? (
        <button
          type="button"
          className="big-button"
          data-testid="photo-sealed"
          onClick={() => void devicesRuntimeFor(repos).photo(props.order, 'sealed', 'button')}
        >
          📷 {t('devices.evidence.sealed')}
        </button>
      ) : null}
    </div>
  );
}

/**
 * The devices at the label step: the scale's reading, the weight check (blocked like a mis-scan,
 * with re-weigh and the supervisor override) and the camera. `onCleared` prints the label once
 * the weight is accepted. Renders nothing on a bench without a scale or camera.
 */
export function DevicesPanel(props: { order: OrderRow; onCleared: () => void }) {
  return (
    <div className="devices-panel">
      <ScaleLine />
      <WeightCheck order={props.order} onCleared={props.onCleared} />
      <CameraLine order={props.order} />
    </div>
  );
}

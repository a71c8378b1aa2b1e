import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../app/Modal';
import type { OrderRow } from '#shared/domain/order';
import { useRepos } from '../../data/context';
import { useOrderDocument, useOrderLabels } from '../../data/hooks/labels';
import type { LabelRow } from '../../data/rows';
import { getUiState } from '../../stores/ui-store';
import { usePackController } from '../packing/use-pack-controller';
import { DevicesPanel } from '../devices/DevicesPanel';
import { currentJob, expectedLabelCode, isVerified, MIN_REASON } from './label-job';
import { useLabelStep, useLabelStepActions, type StepOutcome } from './label-step-store';
import { labelRuntimeFor } from './runtime';
import './printing.css';

function time(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toLocaleTimeString();
}

function WrongLabelAlert(props: {
  parcel: string;
  label: string;
  code: string;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  return (
    <div
      className="wrong-label"
      role="alert"
      data-testid="wrong-label-alert"
      data-parcel-order={props.parcel}
      data-label-order={props.label}
    >
      <div className="wrong-label__title">{t('printing.wrong.title')}</div>
      <div className="wrong-label__ids">
        {t('printing.wrong.parcel')} <span className="mono">{props.parcel}</span>
      </div>
      <div className="wrong-label__ids">
        {t('printing.wrong.label')} <span className="mono">{props.label}</span>
      </div>
      <div>{t('printing.wrong.hint', { code: props.code })}</div>
      <button type="button" className="big-button" onClick={props.onDismiss}>
        {t('printing.wrong.dismiss')}
      </button>
    </div>
  );
}

function ReprintDialog(props: {
  job: LabelRow;
  initial: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<string | null>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState(props.initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal title={t('printing.reprint.title')} onClose={props.onClose} testId="reprint-dialog">
      <p>{t('printing.reprint.explain')}</p>
      <form
        className="modal-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < MIN_REASON) {
            setError(t('printing.reprint.needReason'));
            return;
          }
          setBusy(true);
          void props.onSubmit(reason).then((problem) => {
            setBusy(false);
            if (problem) setError(problem);
            else props.onClose();
          });
        }}
      >
        <label>
          {t('printing.reprint.reason')}
          <textarea
            className="print-reason"
            value={reason}
            autoFocus
            rows={3}
            maxLength={500}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error ? <p className="error-text">{error}</p> : null}
        <div className="button-row">
          <button type="submit" className="big-button big-button--primary" disabled={busy}>
            {t('printing.reprint.submit')}
          </button>
          <button type="button" className="big-button" onClick={props.onClose}>
            {t('printing.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function outcomeText(out: StepOutcome | null, t: TFunction): string | null {
  if (!out) return null;
  switch (out.kind) {
    case 'waiting-platform-label':
      return t('printing.step.waitingPlatform');
    case 'not-configured':
      return t(`printing.problem.${out.problem}`);
    case 'already-printed':
      return t('printing.step.alreadyPrinted');
    case 'in-progress':
      return t('printing.step.inProgress');
    case 'weight-blocked':
      return null; // the weight check panel below says why
    case 'error':
      return t('printing.step.error', { message: out.message });
    case 'job':
      return out.fallback
        ? t('printing.step.zplFallback', { fields: out.fallback.fields.join(', ') })
        : null;
  }
}

function stateText(job: LabelRow, t: TFunction): string {
  if (job.state === 'queued' && job.failure?.code === 'window-blocked') {
    return t('printing.state.blocked');
  }
  if (job.state === 'failed') {
    return t('printing.state.failed', { reason: job.failure?.message ?? '' });
  }
  if (job.state === 'sent' && job.output === 'pdf') return t('printing.state.sentPdf');
  if (job.state === 'sent' && job.output === 'platform') return t('printing.state.sentPlatform');
  return t(`printing.state.${job.state}`);
}

/** The label step on the pack screen once the pack is completed. */
export function LabelStep(props: { order: OrderRow }) {
  const { t } = useTranslation();
  const repos = useRepos();
  const runtime = labelRuntimeFor(repos);
  const controller = usePackController();
  const { order } = props;
  const jobs = useOrderLabels(order.id) ?? [];
  const doc = useOrderDocument(order.id);
  const step = useLabelStep();
  const { wrongDismissed, handedOver } = useLabelStepActions();
  const [dialog, setDialog] = useState<{ job: LabelRow; initial: string } | null>(null);
  const job = currentJob(jobs);
  const verified = isVerified(jobs);
  const mine = step.orderId === order.id;
  const outcome = mine ? outcomeText(step.handOver, t) : null;
  const last = mine ? step.lastScan?.decision : undefined;
  const platform = order.shippingType === 'TIKTOK';

  const printFirst = () =>
    void runtime.service.printFirst(order, runtime.who()).then((out) => handedOver(order.id, out));

  return (
    <section
      className="label-step"
      data-testid="label-step"
      data-state={job?.state ?? (mine && step.handOver ? step.handOver.kind : 'none')}
      data-verified={verified ? 'true' : 'false'}
      data-job-id={job?.id ?? ''}
    >
      {mine && step.wrong && !verified ? (
        <WrongLabelAlert
          parcel={step.wrong.parcelOrderId}
          label={step.wrong.labelOrderId}
          code={step.wrong.code}
          onDismiss={wrongDismissed}
        />
      ) : null}
      <h2>{t('printing.step.title')}</h2>
      <DevicesPanel order={order} onCleared={printFirst} />
      {mine && step.busy ? <p className="label-step__big">{t('printing.step.busy')}</p> : null}
      {job ? (
        <p className={`label-step__big label-state--${job.state}`} data-testid="label-state">
          {stateText(job, t)}
        </p>
      ) : null}
      {outcome ? <p className="warn-text label-step__note">{outcome}</p> : null}
      {platform && !job ? (
        <p>{doc ? t('printing.step.platformReady') : t('printing.step.platformMissing')}</p>
      ) : null}

      {job && job.state !== 'failed' && job.state !== 'queued' ? (
        verified ? (
          <p className="label-verified" data-testid="label-verified">
            ✔{' '}
            {t('printing.verify.done', { code: jobs.find((j) => j.verifiedAt)?.verifyCode ?? '' })}
          </p>
        ) : (
          <p className="label-step__scan" data-testid="label-scan-prompt">
            {t('printing.verify.prompt')} <strong className="mono">{expectedLabelCode(job)}</strong>
          </p>
        )
      ) : null}
      {last && !verified && last.kind !== 'wrong-label' ? (
        <p className="warn-text" data-testid="label-scan-note">
          {t(`printing.verify.${last.kind}`, { code: last.code })}
        </p>
      ) : null}

      <div className="button-row">
        {job?.state === 'unknown' ? (
          <>
            <span className="label-step__ask">{t('printing.unknown.ask')}</span>
            <button
              type="button"
              className="big-button big-button--primary"
              onClick={() => void runtime.service.answer(job.id, true, runtime.who())}
            >
              {t('printing.unknown.yes')}
            </button>
            <button
              type="button"
              className="big-button"
              onClick={() => void runtime.service.answer(job.id, false, runtime.who())}
            >
              {t('printing.unknown.no')}
            </button>
          </>
        ) : null}
        {job?.state === 'queued' && job.failure?.code === 'window-blocked' ? (
          <button
            type="button"
            className="big-button big-button--primary"
            onClick={() => void runtime.service.openQueued(order, job.id, runtime.who())}
          >
            {t('printing.actions.open')}
          </button>
        ) : null}
        {!job && (!platform || doc) ? (
          <button type="button" className="big-button big-button--primary" onClick={printFirst}>
            {t('printing.actions.print')}
          </button>
        ) : null}
        {job && job.state !== 'queued' && job.state !== 'unknown' ? (
          <button
            type="button"
            className="big-button"
            onClick={() =>
              setDialog({
                job,
                initial:
                  job.state === 'failed'
                    ? t('printing.reprint.afterFailure', { code: job.failure?.code ?? '' })
                    : '',
              })
            }
          >
            {t('printing.actions.reprint')}
          </button>
        ) : null}
        {!verified && job ? (
          <button
            type="button"
            className="big-button"
            onClick={() => {
              void repos.labels
                .recordAudit({
                  kind: 'label.verify-skipped',
                  orderId: order.id,
                  actor: runtime.who().packer,
                  station: runtime.who().station,
                  at: Date.now(),
                  detail: { jobId: job.id },
                })
                .then(() => controller.close());
            }}
          >
            {t('printing.actions.skip')}
          </button>
        ) : null}
        {platform && !doc ? (
          <button
            type="button"
            className="big-button"
            onClick={() => getUiState().actions.screenOpened('ship')}
          >
            {t('printing.actions.ship')}
          </button>
        ) : null}
      </div>

      {jobs.length > 0 ? (
        <table className="label-history" data-testid="label-history">
          <thead>
            <tr>
              <th>{t('printing.history.when')}</th>
              <th>{t('printing.history.who')}</th>
              <th>{t('printing.history.state')}</th>
              <th>{t('printing.history.why')}</th>
            </tr>
          </thead>
          <tbody>
            {[...jobs].reverse().map((j) => (
              <tr key={j.id} data-state={j.state}>
                <td>{time(j.printedAt)}</td>
                <td>{j.printedBy}</td>
                <td>
                  {t(`printing.stateShort.${j.state}`)}
                  {j.verifiedAt ? ` · ${t('printing.history.verified')}` : ''}
                </td>
                <td>{j.reprintOf ? j.reason : t('printing.history.first')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {dialog ? (
        <ReprintDialog
          job={dialog.job}
          initial={dialog.initial}
          onClose={() => setDialog(null)}
          onSubmit={async (reason) => {
            const r = await runtime.service.reprint(order, dialog.job.id, reason, runtime.who());
            if (!r.ok) return t(`printing.reprint.errors.${r.error.code}`);
            handedOver(order.id, r.value);
            return null;
          }}
        />
      ) : null}
    </section>
  );
}

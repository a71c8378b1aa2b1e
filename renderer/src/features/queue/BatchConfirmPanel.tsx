import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../app/ProgressBar';
import { formatReason } from '#shared/i18n/reasons';
import { useRepos } from '../../data/context';
import {
  useBatchConfirmActions,
  useBatchCounts,
  useBatchError,
  useBatchFilter,
  useBatchPhase,
  useBatchStopping,
  useBatchSummary,
} from '../../stores/batch-confirm-store';
import { useOperator, useStationId } from '../../stores/session-store';
import { SignInForm, usePackController } from '../packing';
import type { BatchCounts, BatchSummary } from './batch-confirm';
import { startBatchConfirm, stopBatchConfirm } from './batch-run';
import './batch-confirm.css';

function reasonLocale(language: string): 'zh-CN' | 'en' {
  return language.startsWith('zh') ? 'zh-CN' : 'en';
}

function Progress(props: { counts: BatchCounts | null }) {
  const { t } = useTranslation();
  const scanned = props.counts?.scanned ?? 0;
  // Until the first count arrives (counting a long list takes a moment) it is indeterminate.
  const total = props.counts ? props.counts.total : null;
  const label =
    total !== null ? t('batchConfirm.progress', { scanned, total }) : t('batchConfirm.running');
  return <ProgressBar done={scanned} total={total} label={label} compact testId="batch-progress" />;
}

function Counts(props: { counts: BatchCounts | null }) {
  const { t } = useTranslation();
  const c = props.counts;
  return (
    <dl className="batch-counts">
      <div className="batch-count batch-count--ok">
        <dt>{t('batchConfirm.confirmed')}</dt>
        <dd data-testid="batch-confirmed">{c?.confirmed ?? 0}</dd>
      </div>
      <div className="batch-count batch-count--stop">
        <dt>{t('batchConfirm.flagged')}</dt>
        <dd data-testid="batch-flagged">{c?.flagged ?? 0}</dd>
      </div>
      <div className="batch-count">
        <dt>{t('batchConfirm.already')}</dt>
        <dd data-testid="batch-already">{c?.alreadyConfirmed ?? 0}</dd>
      </div>
    </dl>
  );
}

function FlaggedList(props: { summary: BatchSummary }) {
  const { t, i18n } = useTranslation();
  const pack = usePackController();
  const { summary } = props;
  const locale = reasonLocale(i18n.language);
  if (summary.flagged === 0) return <p className="batch-note">{t('batchConfirm.noneFlagged')}</p>;
  return (
    <section className="batch-flagged" aria-labelledby="batch-flagged-title">
      <h3 id="batch-flagged-title">{t('batchConfirm.flaggedTitle')}</h3>
      <p className="batch-note">{t('batchConfirm.flaggedHint')}</p>
      {summary.flaggedOrders.length < summary.flagged ? (
        <p className="batch-note">
          {t('batchConfirm.moreFlagged', {
            shown: summary.flaggedOrders.length,
            count: summary.flagged,
          })}
        </p>
      ) : null}
      <ul className="batch-flagged-list" data-testid="batch-flagged-list">
        {summary.flaggedOrders.map((f) => (
          <li key={f.orderId}>
            <button
              type="button"
              className="batch-flagged-order"
              data-order-id={f.orderId}
              aria-label={t('batchConfirm.open', { id: f.orderId })}
              onClick={() => void pack.openOrder(f.orderId)}
            >
              <span className="batch-flagged-id mono">{f.orderId}</span>
              <ul className="batch-reasons">
                {f.reasons.map((r, i) => (
                  <li
                    key={`${r.code}-${i}`}
                    className={`batch-reason batch-reason--${r.severity}`}
                    data-code={r.code}
                  >
                    {formatReason(r, locale)}
                  </li>
                ))}
              </ul>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function SignInFirst() {
  const { t } = useTranslation();
  const pack = usePackController();
  return (
    <SignInForm
      controller={pack}
      className="batch-sign-in"
      inputClassName="batch-input"
      label={t('batchConfirm.name')}
      submit={t('batchConfirm.signIn')}
    >
      <p className="batch-warn">{t('batchConfirm.signInFirst')}</p>
    </SignInForm>
  );
}

/**
 * The "Confirm clean orders" panel of the queue: start (after sign-in), progress with Stop, and
 * the summary with every flagged order and its reasons. Not modal: scans keep working.
 */
export function BatchConfirmPanel(props: { scopeCount: number | undefined }) {
  const { t } = useTranslation();
  const repos = useRepos();
  const phase = useBatchPhase();
  const filterKey = useBatchFilter();
  const counts = useBatchCounts();
  const summary = useBatchSummary();
  const error = useBatchError();
  const stopping = useBatchStopping();
  const operator = useOperator();
  const station = useStationId();
  const actions = useBatchConfirmActions();
  if (phase === 'closed' || !filterKey) return null;
  const filterName = t(`queue.filters.${filterKey}`);

  let body;
  if (phase === 'ready') {
    body = (
      <>
        <p>{t('batchConfirm.intro', { filter: filterName })}</p>
        {props.scopeCount !== undefined ? (
          <p className="batch-note">{t('batchConfirm.scope', { count: props.scopeCount })}</p>
        ) : null}
        {/* Keyed: the Start button must mount afresh after sign-in, so autoFocus applies. */}
        {operator ? (
          <Fragment key="signed-in">
            <p className="batch-note" data-testid="batch-packer">
              {t('batchConfirm.packer', { packer: operator.name, station })}
            </p>
            <div className="button-row">
              <button
                type="button"
                className="big-button big-button--primary"
                autoFocus
                onClick={() => startBatchConfirm(repos, filterKey)}
              >
                {t('batchConfirm.start')}
              </button>
              <button type="button" className="big-button" onClick={actions.panelClosed}>
                {t('batchConfirm.cancel')}
              </button>
            </div>
          </Fragment>
        ) : (
          <Fragment key="sign-in">
            <SignInFirst />
            <div className="button-row">
              <button type="button" className="big-button" onClick={actions.panelClosed}>
                {t('batchConfirm.cancel')}
              </button>
            </div>
          </Fragment>
        )}
      </>
    );
  } else if (phase === 'running') {
    body = (
      <>
        <p className="batch-status" role="status">
          {stopping ? t('batchConfirm.stopping') : t('batchConfirm.running')}
        </p>
        <Progress counts={counts} />
        <Counts counts={counts} />
        <div className="button-row">
          <button
            type="button"
            className="big-button big-button--danger"
            autoFocus
            disabled={stopping}
            onClick={stopBatchConfirm}
          >
            {t('batchConfirm.stop')}
          </button>
        </div>
      </>
    );
  } else {
    const shown = summary ?? counts;
    body = (
      <>
        <p className="batch-status" role="status" data-testid="batch-status" data-phase={phase}>
          {phase === 'failed'
            ? t('batchConfirm.failed', {
                message: error === 'no-packer' ? t('batchConfirm.noPacker') : (error ?? ''),
              })
            : summary?.cancelled
              ? t('batchConfirm.stopped', { scanned: summary.scanned, total: summary.total })
              : t('batchConfirm.done')}
        </p>
        <Progress counts={shown} />
        <Counts counts={shown} />
        {summary ? <FlaggedList summary={summary} /> : null}
        <div className="button-row">
          <button type="button" className="big-button" autoFocus onClick={actions.panelClosed}>
            {t('batchConfirm.close')}
          </button>
        </div>
      </>
    );
  }

  return (
    <section
      className={`batch-panel batch-panel--${phase}`}
      aria-label={t('batchConfirm.title')}
      data-testid="batch-panel"
      data-phase={phase}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && phase !== 'running') {
          e.stopPropagation();
          actions.panelClosed();
        }
      }}
    >
      <h2 className="batch-title">{t('batchConfirm.title')}</h2>
      {/* Each phase mounts afresh, so its main button takes the focus (autoFocus). */}
      <Fragment key={phase}>{body}</Fragment>
    </section>
  );
}

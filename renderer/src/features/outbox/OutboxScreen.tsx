import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { OutboxRow } from '#shared/logic/outbox/index';
import { intentTracking } from '#shared/logic/outbox/index';
import { useRepos } from '../../data/context';
import { useOutboxScreenData, useOutboxStatus } from '../../data/hooks/outbox';
import { formatDuration } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useOperator, useStationId } from '../../stores/session-store';
import { currentOutboxSync, wakeOutboxSync } from './sync';
import { useSyncGate, useSyncLink } from './sync-store';
import './outbox.css';

function time(ms: number, language: string): string {
  return new Date(ms).toLocaleString(language, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

function ourNumber(row: OutboxRow, t: TFunction): string {
  const tracking = intentTracking(row);
  if (tracking) return tracking.trackingNumber;
  return row.kind === 'ship-package'
    ? t('outbox.platform', { method: row.payload.handoverMethod })
    : t('outbox.none');
}

function RowCard(props: { row: OutboxRow; dismissed?: boolean }) {
  const { t, i18n } = useTranslation();
  const repos = useRepos();
  const operator = useOperator();
  const station = useStationId();
  const [armed, setArmed] = useState<'discard' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const { row } = props;
  const actor = { packer: operator?.name ?? 'station', station };
  const parked = row.state !== 'pending' && row.state !== 'inflight' && row.state !== 'verify';

  async function retry() {
    const r = await repos.outbox.requeue(row.id, actor, Date.now());
    setNote(r.ok ? t('outbox.retried') : r.error);
    wakeOutboxSync();
  }
  async function dismiss() {
    if (armed !== 'discard') {
      setArmed('discard');
      return;
    }
    const decision = row.state === 'dead' ? 'discard' : 'resolved';
    const r = await repos.outbox.dismiss(row.id, actor, Date.now(), decision);
    setArmed(null);
    setNote(r.ok ? t('outbox.dismissed') : r.error);
  }

  return (
    <article
      className={`outbox-card outbox-card--${row.state}`}
      data-testid="outbox-card"
      data-row-id={row.id}
      data-order-id={row.orderId}
      data-state={row.state}
    >
      <div>
        <h3>
          {t('outbox.order', { id: row.orderId })} · {t(`outbox.kind.${row.kind}`)}
        </h3>
        <div className="outbox-state">{t(`outbox.state.${row.state}`)}</div>
        {parked && !props.dismissed ? (
          <p className="outbox-advice">{t(`outbox.advice.${row.state}`)}</p>
        ) : null}
        <div className="outbox-numbers">
          <div data-testid="ours">{t('outbox.ours', { tracking: ourNumber(row, t) })}</div>
          {row.conflict ? (
            <div data-testid="theirs">
              {t('outbox.shops', {
                tracking: row.conflict.upstreamTrackingNumber ?? t('outbox.none'),
              })}{' '}
              ({t(`status.${row.conflict.upstreamStatus}`)})
            </div>
          ) : null}
        </div>
        <div className="muted">
          {t('outbox.package', { id: row.packageId })} ·{' '}
          {t('outbox.attempts', { count: row.attempts })} ·{' '}
          {t('outbox.created', { time: time(row.createdAt, i18n.language) })}
        </div>
        {row.lastError ? (
          <div className="muted" data-testid="last-error">
            {t('outbox.lastError', { message: row.lastError.message })}
          </div>
        ) : null}
        {note ? <div className="ok-text">{note}</div> : null}
      </div>
      {parked ? (
        <div className="outbox-actions">
          <button type="button" className="big-button" onClick={() => void retry()}>
            {t('outbox.retry')}
          </button>
          {!props.dismissed ? (
            <button
              type="button"
              className="big-button big-button--danger"
              onClick={() => void dismiss()}
            >
              {armed
                ? t('outbox.confirmAgain')
                : row.state === 'dead'
                  ? t('outbox.discard')
                  : t('outbox.resolved')}
            </button>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}

export function OutboxScreen() {
  const { t, i18n } = useTranslation();
  const data = useOutboxScreenData();
  const status = useOutboxStatus();
  const link = useSyncLink();
  const gate = useSyncGate();
  const now = useNow(5_000);

  return (
    <section className="outbox-screen" data-testid="outbox-screen">
      <h1>{t('outbox.title')}</h1>
      <div className={`outbox-summary outbox-summary--${link}`}>
        <strong>{t(`outbox.sync.${link}`)}</strong>
        <span>
          {status?.depth
            ? t('outbox.sync.queue', { count: status.depth })
            : t('outbox.sync.queueEmpty')}
          {status?.oldestPendingAt != null
            ? ` · ${t('outbox.sync.oldest', {
                age: formatDuration(now - status.oldestPendingAt, i18n.language),
              })}`
            : ''}
        </span>
        <span>
          {status?.lastSuccessAt != null
            ? t('outbox.sync.lastSuccess', { time: time(status.lastSuccessAt, i18n.language) })
            : t('outbox.sync.never')}
        </span>
        {gate ? (
          <span className="outbox-gate" data-testid="outbox-gate">
            {t(`outbox.gate.${gate.gate}`, {
              time: gate.until ? time(gate.until, i18n.language) : '',
            })}
          </span>
        ) : null}
        {gate ? (
          <button
            type="button"
            className="big-button"
            onClick={() => currentOutboxSync()?.restart()}
          >
            {t('outbox.resume')}
          </button>
        ) : null}
      </div>

      <div className="outbox-section" data-testid="outbox-decisions">
        <h2>
          {t('outbox.decisions')} ({data?.parked.length ?? 0})
        </h2>
        {data && data.parked.length === 0 ? (
          <p className="muted">{t('outbox.decisionsEmpty')}</p>
        ) : null}
        <div className="outbox-cards">
          {data?.parked.map((row) => (
            <RowCard key={row.id} row={row} />
          ))}
        </div>
      </div>

      <div className="outbox-section" data-testid="outbox-waiting">
        <h2>
          {t('outbox.waiting')} ({data?.active.length ?? 0})
        </h2>
        {data && data.active.length === 0 ? (
          <p className="muted">{t('outbox.waitingEmpty')}</p>
        ) : null}
        {data && data.active.length > 0 ? (
          <table className="outbox-table">
            <tbody>
              {data.active.slice(0, 200).map((row) => (
                <tr key={row.id} data-testid="outbox-active-row" data-order-id={row.orderId}>
                  <td className="mono">{row.orderId}</td>
                  <td>{t(`outbox.kind.${row.kind}`)}</td>
                  <td className="mono">{ourNumber(row, t)}</td>
                  <td>{t(`outbox.state.${row.state}`)}</td>
                  <td>{t('outbox.attempts', { count: row.attempts })}</td>
                  <td>
                    {row.nextAttemptAt > now
                      ? t('outbox.nextTry', { time: time(row.nextAttemptAt, i18n.language) })
                      : ''}
                  </td>
                  <td className="muted">{row.lastError?.message ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>

      <div className="outbox-section" data-testid="outbox-recent">
        <h2>{t('outbox.recent')}</h2>
        {data && data.recentDone.length === 0 ? (
          <p className="muted">{t('outbox.recentEmpty')}</p>
        ) : null}
        {data && data.recentDone.length > 0 ? (
          <table className="outbox-table">
            <tbody>
              {data.recentDone.map((row) => (
                <tr key={row.id} data-testid="outbox-done-row" data-order-id={row.orderId}>
                  <td className="mono">{row.orderId}</td>
                  <td>{t(`outbox.kind.${row.kind}`)}</td>
                  <td className="mono">{ourNumber(row, t)}</td>
                  <td className="ok-text">{t('outbox.state.done')}</td>
                  <td>{time(row.updatedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
      </div>

      {data && data.dismissed.length > 0 ? (
        <div className="outbox-section">
          <h2>{t('outbox.dismissedTitle')}</h2>
          <div className="outbox-cards">
            {data.dismissed.map((row) => (
              <RowCard key={row.id} row={row} dismissed />
            ))}
          </div>
        </div>
      ) : null}
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import { useIntakeCheckpoint, useIntakeState } from '../../data/hooks/intake';
import { formatDateTime } from '../../lib/format';
import { PullNowButton } from './PullNowButton';
import { useIntakeRun } from './use-intake-run';
import './intake.css';

/** Status-bar element: last successful sync, the running pull's progress, Pull now. */
export function IntakeStatus() {
  const { t, i18n } = useTranslation();
  const state = useIntakeState();
  const checkpoint = useIntakeCheckpoint();
  const run = useIntakeRun();
  const time = (ms: number) => formatDateTime(ms, i18n.language);
  const failed =
    state?.lastError && (state.lastSuccessAt === null || state.lastError.at > state.lastSuccessAt);
  const progress =
    run.progress ?? (checkpoint ? { done: checkpoint.done, total: checkpoint.total } : null);
  const pct =
    progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0;
  return (
    <span className="intake-status" data-testid="intake-status">
      {run.running ? (
        <span className="intake-pulling" data-testid="intake-pulling">
          {progress
            ? t('intake.pulling', { done: progress.done, total: progress.total })
            : t('intake.pullingStart')}
          <span
            className="intake-mini-bar"
            role="progressbar"
            aria-label={t('intake.pullingStart')}
            aria-valuemin={0}
            aria-valuemax={progress?.total ?? 0}
            aria-valuenow={progress?.done ?? 0}
          >
            <span className="intake-mini-fill" style={{ width: `${pct}%` }} />
          </span>
        </span>
      ) : failed && state.lastError ? (
        <span className="intake-failed" title={state.lastError.message} data-testid="intake-failed">
          ⚠ {t('intake.syncFailed', { time: time(state.lastError.at) })}
        </span>
      ) : null}
      {!run.running ? (
        <span data-testid="intake-last-sync">
          {state?.lastSuccessAt
            ? t('intake.syncedAt', { time: time(state.lastSuccessAt) })
            : t('intake.neverSynced')}
        </span>
      ) : null}
      {state && state.problemCount > 0 ? (
        <span
          className="intake-bad"
          title={state.problems.map((p) => `${p.orderId ?? '?'}: ${p.message}`).join('\n')}
        >
          {t('intake.badOrders', { count: state.problemCount })}
        </span>
      ) : null}
      <PullNowButton className="intake-pull-now" />
    </span>
  );
}

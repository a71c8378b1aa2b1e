import { useTranslation } from 'react-i18next';
import { useOutboxStatus } from '../../data/hooks/outbox';
import { formatDuration } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useSyncDraining, useSyncLink } from './sync-store';
import './outbox.css';

function clock(ms: number, language: string): string {
  return new Date(ms).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
}

/** Status bar: shop reachable or not, queue depth, oldest pending age, last success. */
export function SyncStatus() {
  const { t, i18n } = useTranslation();
  const status = useOutboxStatus();
  const link = useSyncLink();
  const draining = useSyncDraining();
  const now = useNow(5_000);
  const depth = status?.depth ?? 0;
  return (
    <span className={`sync-status sync-status--${link}`} data-testid="sync-status" data-link={link}>
      <span className="sync-link" data-testid="sync-link">
        ● {t(`outbox.sync.${link}`)}
      </span>
      <span data-testid="sync-depth" data-depth={depth}>
        {depth === 0 ? t('outbox.sync.queueEmpty') : t('outbox.sync.queue', { count: depth })}
        {status?.oldestPendingAt != null
          ? ` · ${t('outbox.sync.oldest', {
              age: formatDuration(now - status.oldestPendingAt, i18n.language),
            })}`
          : ''}
      </span>
      <span data-testid="sync-last-success">
        {status?.lastSuccessAt != null
          ? t('outbox.sync.lastSuccess', { time: clock(status.lastSuccessAt, i18n.language) })
          : t('outbox.sync.never')}
      </span>
      {status && status.needsPerson > 0 ? (
        <span className="sync-alert" data-testid="sync-needs-person">
          {t('outbox.sync.needsPerson', { count: status.needsPerson })}
        </span>
      ) : null}
      {!draining ? <span className="muted-on-dark">{t('outbox.sync.otherWindow')}</span> : null}
    </span>
  );
}

import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmedAmong } from '../../data/hooks/packing';
import type { SearchHit } from '../../data/repositories';
import { useNow } from '../../lib/use-now';
import { isConfirmed, OrderRowView, ROW_HEIGHT } from './OrderRowView';

export function SearchResults(props: {
  query: string;
  hits: SearchHit[] | undefined;
  selectedIndex: number;
  onSelect: (index: number, orderId: string) => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const ids = useMemo(() => (props.hits ?? []).map((h) => h.order.id), [props.hits]);
  const confirmed = useConfirmedAmong(ids);
  if (!props.hits) return <div className="queue-list" />;
  if (props.hits.length === 0) {
    return (
      <div className="queue-list">
        <p className="queue-empty">{t('queue.noMatch', { query: props.query })}</p>
      </div>
    );
  }
  const first = props.hits[0];
  return (
    <div className="queue-list" role="listbox" aria-label={t('queue.searchLabel')}>
      {first && first.matchedBy !== 'recipient' ? (
        <p className="match-note">{t(`queue.matchedBy.${first.matchedBy}`)}</p>
      ) : null}
      <div style={{ height: props.hits.length * ROW_HEIGHT, position: 'relative' }}>
        {props.hits.map((hit, i) => (
          <OrderRowView
            key={hit.order.id}
            index={i}
            top={i * ROW_HEIGHT}
            order={hit.order}
            confirmed={isConfirmed(confirmed, hit.order)}
            selected={i === props.selectedIndex}
            now={now}
            onSelect={(idx) => props.onSelect(idx, hit.order.id)}
          />
        ))}
      </div>
    </div>
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow, OrderStatus } from '#shared/domain/order';
import { useSearch, useStatusCounts } from '../../data/hooks';
import { useQuery, useQueueFilter, useSelectedOrderId, useUiActions } from '../../stores/ui-store';
import { OrderDetail } from '../order';
import { usePackController } from '../packing';
import { QUEUE_FILTERS, toQueueFilter } from './filters';
import { QueueList } from './QueueList';
import { SearchResults } from './SearchResults';

const COUNTED: readonly OrderStatus[] = [
  'AWAITING_SHIPMENT',
  'ON_HOLD',
  'AWAITING_COLLECTION',
  'CANCELLED',
];

function isTextInput(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)
  );
}

export function QueueScreen() {
  const { t } = useTranslation();
  const filterKey = useQueueFilter();
  const query = useQuery();
  const selectedId = useSelectedOrderId();
  const actions = useUiActions();
  const pack = usePackController();
  const counts = useStatusCounts(COUNTED);
  const [index, setIndex] = useState(0);
  const searchRef = useRef<HTMLInputElement>(null);
  const searching = query.trim().length > 0;
  const hits = useSearch(searching ? query : '');

  const onSelect = useCallback(
    (i: number, order: OrderRow | undefined) => {
      setIndex(i);
      if (order) actions.orderSelected(order.id);
    },
    [actions],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.key === '/' && !isTextInput(e.target)) {
        e.preventDefault();
        searchRef.current?.focus();
        return;
      }
      if (e.key === 'Escape') {
        if (searching) actions.queryTyped('');
        searchRef.current?.blur();
        return;
      }
      if (isTextInput(e.target) && e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
      if (e.key === 'Enter' && selectedId && !(e.target instanceof HTMLButtonElement)) {
        // Enter on the selected order opens it on the pack screen.
        e.preventDefault();
        void pack.openOrder(selectedId);
        return;
      }
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        setIndex((i) => i + 1);
      } else if (e.key === 'ArrowUp') {
        e.preventDefault();
        setIndex((i) => Math.max(0, i - 1));
      } else if (e.key === 'PageDown') {
        e.preventDefault();
        setIndex((i) => i + 10);
      } else if (e.key === 'PageUp') {
        e.preventDefault();
        setIndex((i) => Math.max(0, i - 10));
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [actions, searching, selectedId, pack]);

  // Keep the cursor inside the search results.
  useEffect(() => {
    if (!searching || !hits) return;
    const clamped = Math.min(index, Math.max(0, hits.length - 1));
    if (clamped !== index) setIndex(clamped);
    const hit = hits[clamped];
    if (hit && hit.order.id !== selectedId) actions.orderSelected(hit.order.id);
  }, [searching, hits, index, selectedId, actions]);

  return (
    <div className="queue-screen">
      <section className="queue-pane">
        <div className="queue-toolbar">
          <input
            ref={searchRef}
            className="search-input"
            type="search"
            value={query}
            placeholder={t('queue.searchPlaceholder')}
            aria-label={t('queue.searchLabel')}
            onChange={(e) => {
              actions.queryTyped(e.target.value);
              setIndex(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                const first = hits?.[0];
                if (first) actions.orderSelected(first.order.id);
              }
            }}
          />
        </div>
        <nav className="filter-tabs" aria-label={t('queue.title')}>
          {QUEUE_FILTERS.map((key) => (
            <button
              key={key}
              type="button"
              className={`filter-tab${key === filterKey && !searching ? ' filter-tab--active' : ''}${
                key === 'stop-ship' ? ' filter-tab--stop' : ''
              }`}
              aria-pressed={key === filterKey && !searching}
              onClick={() => {
                actions.queryTyped('');
                actions.filterChosen(key);
                setIndex(0);
              }}
            >
              {t(`queue.filters.${key}`)}
              {key !== 'all' && counts ? (
                <span className="filter-count">{counts[key] ?? 0}</span>
              ) : null}
            </button>
          ))}
        </nav>
        {searching ? (
          <SearchResults
            query={query}
            hits={hits}
            selectedIndex={index}
            onSelect={(i, id) => {
              setIndex(i);
              actions.orderSelected(id);
            }}
          />
        ) : (
          <QueueList filter={toQueueFilter(filterKey)} selectedIndex={index} onSelect={onSelect} />
        )}
        <p className="queue-hint">{t('queue.hint')}</p>
      </section>
      <section className="detail-pane" aria-live="polite">
        <OrderDetail orderId={selectedId} />
      </section>
    </div>
  );
}

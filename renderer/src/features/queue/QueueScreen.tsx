import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow, OrderStatus } from '#shared/domain/order';
import { useSearch, useStatusCounts } from '../../data/hooks';
import { useBatchConfirmActions, useBatchPhase } from '../../stores/batch-confirm-store';
import { useQuery, useQueueFilter, useSelectedOrderId, useUiActions } from '../../stores/ui-store';
import { OrderDetail } from '../order';
import { usePackController } from '../packing';
import { ScannerNoticeLine } from '../scanner/ScannerNoticeLine';
import { filterCanConfirm } from './batch-confirm';
import { BatchConfirmPanel } from './BatchConfirmPanel';
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
  const batchPhase = useBatchPhase();
  const batch = useBatchConfirmActions();
  const canBatch =
    !searching && filterCanConfirm(toQueueFilter(filterKey)) && batchPhase !== 'running';

  const onSelect = useCallback(
    (i: number, order: OrderRow | undefined) => {
      setIndex(i);
      if (order) actions.orderSelected(order.id);
    },
    [actions],
  );

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.altKey && e.code === 'KeyC') {
        // Alt+C: "Confirm clean orders" for the current tab.
        e.preventDefault();
        if (canBatch) batch.panelOpened(filterKey);
        return;
      }
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
  }, [actions, searching, selectedId, pack, canBatch, batch, filterKey]);

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
        <div className="queue-toolbar queue-toolbar--with-action">
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
          <button
            type="button"
            className="batch-action"
            data-testid="batch-action"
            aria-keyshortcuts="Alt+C"
            disabled={!canBatch}
            onClick={() => batch.panelOpened(filterKey)}
          >
            {t('batchConfirm.action')}
            <kbd aria-hidden="true">{t('batchConfirm.shortcut')}</kbd>
          </button>
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
                if (batchPhase === 'ready') {
                  if (filterCanConfirm(toQueueFilter(key))) batch.panelOpened(key);
                  else batch.panelClosed();
                }
              }}
            >
              {t(`queue.filters.${key}`)}
              {key !== 'all' && counts ? (
                <span className="filter-count">{counts[key] ?? 0}</span>
              ) : null}
            </button>
          ))}
        </nav>
        <ScannerNoticeLine />
        <BatchConfirmPanel scopeCount={filterKey === 'all' ? undefined : counts?.[filterKey]} />
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

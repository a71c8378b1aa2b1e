import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '#shared/domain/order';
import { useQueueCount, useQueueWindow } from '../../data/hooks';
import { useConfirmedAmong } from '../../data/hooks/packing';
import type { QueueFilter } from '../../data/repositories';
import { useNow } from '../../lib/use-now';
import { isConfirmed, OrderRowView, ROW_HEIGHT } from './OrderRowView';

/**
 * The virtualised queue: renders only the visible rows and reads only their pages from
 * IndexedDB, so 100,000 orders cost the same as 100.
 */
export function QueueList(props: {
  filter: QueueFilter;
  selectedIndex: number;
  onSelect: (index: number, order: OrderRow | undefined) => void;
}) {
  const { t } = useTranslation();
  const now = useNow();
  const counted = useQueueCount(props.filter);
  // Until the (slow, throttled) count arrives, the list is as long as what is already loaded.
  const [loaded, setLoaded] = useState(0);
  const count = counted ?? loaded;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const rows = useQueueWindow(props.filter, first, Math.max(last, props.selectedIndex));
  // Confirmations of the pages on screen only (they live in the audit trail, read by order id).
  const pageIds = useMemo(() => (rows ? [...rows.values()].map((o) => o.id) : []), [rows]);
  const confirmed = useConfirmedAmong(pageIds);
  useEffect(() => {
    if (counted === undefined && rows) setLoaded(rows.size);
  }, [counted, rows]);

  useEffect(() => {
    if (props.selectedIndex >= 0 && props.selectedIndex < count) {
      virtualizer.scrollToIndex(props.selectedIndex, { align: 'auto' });
    }
  }, [props.selectedIndex, count, virtualizer]);

  // Tell the parent which order is under the cursor once its page has loaded.
  const selectedOrder = rows?.get(props.selectedIndex);
  const { onSelect, selectedIndex } = props;
  useEffect(() => {
    if (selectedOrder) onSelect(selectedIndex, selectedOrder);
  }, [selectedOrder, selectedIndex, onSelect]);

  return (
    <div className="queue-list" ref={scrollRef} role="listbox" aria-label={t('queue.title')}>
      {counted === 0 ? <p className="queue-empty">{t('queue.empty')}</p> : null}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => (
          <OrderRowView
            key={item.key}
            index={item.index}
            top={item.start}
            order={rows?.get(item.index)}
            confirmed={isConfirmed(confirmed, rows?.get(item.index))}
            selected={item.index === props.selectedIndex}
            now={now}
            onSelect={(i) => props.onSelect(i, rows?.get(i))}
          />
        ))}
      </div>
    </div>
  );
}

import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrderDetail } from '../order';

/** The orders behind a figure, in a virtual list; choosing one shows the order with its history. */
export function DrillPanel(props: {
  label: string;
  orderIds: string[] | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const ids = props.orderIds ?? [];
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 52,
    overscan: 8,
  });
  return (
    <section className="insights-drill-panel" data-testid="insights-drill" aria-live="polite">
      <header className="insights-drill-head">
        <h3>{t('insights.drill.title', { count: ids.length, label: props.label })}</h3>
        <button
          type="button"
          className="big-button"
          onClick={props.onClose}
          data-testid="insights-drill-close"
        >
          {t('insights.drill.close')}
        </button>
      </header>
      {props.orderIds !== null && ids.length === 0 ? (
        <p className="muted">{t('insights.drill.empty')}</p>
      ) : null}
      <div className="insights-drill-body">
        <div ref={scroller} className="insights-drill-list">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((v) => {
              const id = ids[v.index] ?? '';
              return (
                <button
                  key={id}
                  type="button"
                  data-testid="insights-drill-order"
                  data-order-id={id}
                  className={`insights-drill-order${chosen === id ? ' insights-drill-order--chosen' : ''}`}
                  style={{ position: 'absolute', top: v.start, height: v.size, left: 0, right: 0 }}
                  onClick={() => setChosen(id)}
                >
                  <span className="mono">{id}</span>
                </button>
              );
            })}
          </div>
        </div>
        <div className="insights-drill-detail">
          {chosen ? <OrderDetail orderId={chosen} /> : null}
        </div>
      </div>
    </section>
  );
}

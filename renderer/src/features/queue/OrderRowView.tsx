import { useTranslation } from 'react-i18next';
import type { OrderRow } from '#shared/domain/order';
import { formatDuration, formatMoney, shipByUrgency } from '../../lib/format';
import './confirmed-badge.css';

export const ROW_HEIGHT = 72;

export function ShipByCell(props: { shipBy: number; now: number }) {
  const { t, i18n } = useTranslation();
  const urgency = shipByUrgency(props.shipBy, props.now);
  const time = formatDuration(props.shipBy - props.now, i18n.language);
  return (
    <span className={`ship-by ship-by--${urgency}`}>
      {urgency === 'overdue' ? t('shipBy.overdue', { time }) : t('shipBy.left', { time })}
    </span>
  );
}

export function FlagBadges(props: { order: OrderRow }) {
  const { t } = useTranslation();
  return (
    <>
      {props.order.flags.map((f) => (
        <span key={f} className={`badge badge--${f}`}>
          {t(`flags.${f}`)}
        </span>
      ))}
    </>
  );
}

/** Stock is reserved for the order (its latest confirm/release audit row is a confirm). */
export function ConfirmedBadge() {
  const { t } = useTranslation();
  return (
    <span className="badge badge--confirmed" data-testid="order-confirmed">
      <span aria-hidden="true">✓ </span>
      {t('batchConfirm.badge')}
    </span>
  );
}

/** A row's `confirmed`: undefined until the confirmations of its page are read. */
export function isConfirmed(
  confirmed: ReadonlySet<string> | undefined,
  order: OrderRow | undefined,
): boolean | undefined {
  return confirmed && order ? confirmed.has(order.id) : undefined;
}

export function OrderRowView(props: {
  order: OrderRow | undefined;
  index: number;
  selected: boolean;
  /** Undefined while the page's confirmations are being read. */
  confirmed: boolean | undefined;
  now: number;
  top: number;
  onSelect: (index: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const { order } = props;
  const style = { transform: `translateY(${props.top}px)`, height: ROW_HEIGHT };
  if (!order) {
    return <div className="queue-row queue-row--loading" style={style} aria-hidden="true" />;
  }
  return (
    <div
      role="option"
      aria-selected={props.selected}
      data-order-id={order.id}
      data-confirmed={props.confirmed === undefined ? undefined : String(props.confirmed)}
      className={`queue-row${props.selected ? ' queue-row--selected' : ''}${
        order.flags.includes('stop-ship') ? ' queue-row--stop' : ''
      }`}
      style={style}
      onClick={() => props.onSelect(props.index)}
    >
      <div className="queue-cell queue-cell--when">
        <ShipByCell shipBy={order.shipBy} now={props.now} />
        <div className="queue-flags">
          {order.flags.length > 0 ? (
            <FlagBadges order={order} />
          ) : (
            <span className="status-chip">{t(`status.${order.status}`)}</span>
          )}
        </div>
      </div>
      <div className="queue-cell queue-cell--who">
        <div className="queue-name" dir="auto">
          {order.recipient.name || '—'}
        </div>
        <div className="queue-id">
          {order.id}
          {props.confirmed ? <ConfirmedBadge /> : null}
        </div>
      </div>
      <div className="queue-cell queue-cell--items">
        {t('queue.itemsCount', { count: order.lines.length })}
      </div>
      <div className="queue-cell queue-cell--total">
        {formatMoney(order.payment.totalAmount, order.payment.currency, i18n.language)}
      </div>
    </div>
  );
}

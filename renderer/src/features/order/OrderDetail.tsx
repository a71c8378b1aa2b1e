import { useTranslation } from 'react-i18next';
import { quantitiesBySku, type OrderRow } from '#shared/domain/order';
import { useOrder } from '../../data/hooks';
import { useConfirmedAmong, useOrderRecord } from '../../data/hooks/packing';
import { formatDateTime, formatMoney, sumMoney } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ConfirmedBadge, FlagBadges, ShipByCell } from '../queue/OrderRowView';
import { TrackingCorrection } from '../shipping';
import { EvidencePanel } from '../devices';
import { buildOrderHistory } from './history';

const isMasked = (value: string) => value.includes('*');

function Amounts(props: { order: OrderRow }) {
  const { t, i18n } = useTranslation();
  const p = props.order.payment;
  const money = (v: string) => formatMoney(v, p.currency, i18n.language);
  const discount = sumMoney(p.sellerDiscount, p.platformDiscount);
  return (
    <dl className="amounts">
      <dt>{t('detail.subTotal')}</dt>
      <dd>{money(p.subTotal)}</dd>
      <dt>{t('detail.shippingFee')}</dt>
      <dd>{money(p.shippingFee)}</dd>
      <dt>{t('detail.discount')}</dt>
      <dd>{Number(discount) === 0 ? money('0') : `−${money(discount)}`}</dd>
      <dt>{t('detail.tax')}</dt>
      <dd>{money(p.tax)}</dd>
      <dt className="amounts-total">{t('detail.total')}</dt>
      <dd className="amounts-total">{money(p.totalAmount)}</dd>
    </dl>
  );
}

/** Newest entries shown; a 50-unit pack with its confirm, label and shipment rows fits. */
const HISTORY_LIMIT = 100;

/** What the station recorded about the order: who confirmed, scanned, overrode, printed, shipped. */
function History(props: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const record = useOrderRecord(props.orderId);
  if (!record) return null;
  const history = buildOrderHistory(record.audit, record.scans, HISTORY_LIMIT);
  return (
    <section data-testid="order-history">
      <h3>{t('history.title')}</h3>
      {history.entries.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <table className="history-table">
          <thead>
            <tr>
              <th>{t('history.when')}</th>
              <th>{t('history.what')}</th>
              <th>{t('history.who')}</th>
              <th>{t('history.detail')}</th>
            </tr>
          </thead>
          <tbody>
            {history.entries.map((e) => (
              <tr key={e.id} className={`history-row history-row--${e.tone}`} data-kind={e.kind}>
                <td className="history-when">{formatDateTime(e.at, i18n.language, true)}</td>
                <td className="history-what">
                  {t(`history.kinds.${e.kind}`, { defaultValue: e.kind })}
                </td>
                <td dir="auto">
                  {e.who} <span className="muted">@ {e.station}</span>
                </td>
                <td
                  className={e.kind.startsWith('scan.') ? 'history-code mono' : 'history-detail'}
                  dir="auto"
                >
                  {e.detail ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {history.hidden > 0 ? (
        <p className="muted">{t('history.hidden', { count: history.hidden })}</p>
      ) : null}
    </section>
  );
}

export function OrderDetail(props: { orderId: string | null }) {
  const { t, i18n } = useTranslation();
  const order = useOrder(props.orderId);
  const now = useNow();
  const confirmed = useConfirmedAmong(props.orderId ? [props.orderId] : []);
  if (!props.orderId || order === null) {
    return <p className="detail-empty">{t('detail.none')}</p>;
  }
  if (!order) return null;
  const r = order.recipient;
  const skus = quantitiesBySku(order.lines);
  return (
    <article className="order-detail" data-testid="order-detail" data-order-id={order.id}>
      <header className="detail-header">
        <h2>{t('detail.title', { id: order.id })}</h2>
        <div className="detail-status">
          <span className="status-chip">{t(`status.${order.status}`)}</span>
          {confirmed?.has(order.id) ? <ConfirmedBadge /> : null}
          <ShipByCell shipBy={order.shipBy} now={now} />
          <span className="muted">{formatDateTime(order.shipBy, i18n.language)}</span>
        </div>
        {order.flags.length > 0 ? (
          <div className="detail-flags">
            <FlagBadges order={order} />
          </div>
        ) : null}
      </header>

      <section>
        <h3>{t('detail.recipient')}</h3>
        {r.fullAddress ? (
          <div className="recipient" dir="auto">
            <p className="recipient-name" dir="auto">
              {r.name}
              {isMasked(r.name) ? <span className="muted"> ({t('detail.masked')})</span> : null}
            </p>
            <p className="recipient-address" dir="auto">
              {r.fullAddress}
            </p>
            <p>
              {t('detail.phone')}: <span dir="ltr">{r.phone}</span>
              {isMasked(r.phone) ? <span className="muted"> ({t('detail.masked')})</span> : null}
            </p>
          </div>
        ) : (
          <p className="muted">{t('detail.noAddress')}</p>
        )}
      </section>

      <section>
        <h3>{t('detail.items')}</h3>
        <table className="items-table">
          <thead>
            <tr>
              <th>{t('detail.sku')}</th>
              <th>{t('detail.items')}</th>
              <th className="num">{t('detail.qty')}</th>
            </tr>
          </thead>
          <tbody>
            {skus.map((s) => (
              <tr key={s.skuId}>
                <td className="mono">{s.sellerSku}</td>
                <td dir="auto">
                  {s.productName} <span className="muted">{s.skuName}</span>
                </td>
                <td className="num qty">×{s.quantity}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section>
        <h3>{t('detail.amounts')}</h3>
        <Amounts order={order} />
      </section>

      <section>
        <h3>{t('detail.delivery')}</h3>
        <p>{order.deliveryOptionName}</p>
        {order.packages.map((p) => (
          <p key={p.id} className="mono">
            {t('detail.package')}: {p.id}
            {p.trackingNumber ? (
              <>
                {' · '}
                {t('detail.tracking')}:{' '}
                <span data-testid="detail-tracking" data-package-id={p.id}>
                  {p.trackingNumber}
                </span>
              </>
            ) : null}
          </p>
        ))}
        <TrackingCorrection key={order.id} order={order} />
      </section>

      {order.buyerMessage ? (
        <section className="note">
          <h3>{t('detail.buyerMessage')}</h3>
          <p dir="auto">{order.buyerMessage}</p>
        </section>
      ) : null}
      {order.sellerNote ? (
        <section className="note">
          <h3>{t('detail.sellerNote')}</h3>
          <p dir="auto">{order.sellerNote}</p>
        </section>
      ) : null}
      <History orderId={order.id} />
      <EvidencePanel orderId={order.id} />
    </article>
  );
}

import { useTranslation } from 'react-i18next';
import { quantitiesBySku } from '#shared/domain/order';
import type { SlipSize } from '#shared/logic/label-layout/print-route';
import type { DocumentData } from './documents';
import { FitBox } from './FitBox';
import { Watermark } from './Watermark';

export interface PackingSlipProps {
  data: DocumentData;
  size: SlipSize;
}

/**
 * The packing slip (A6 or A4): order id, recipient, the items (SKU, name, quantity), the buyer's
 * message, the seller's note and handling notes. All customer text is React text.
 */
export function PackingSlip({ data, size }: PackingSlipProps) {
  const { t } = useTranslation();
  const { order } = data;
  const items = quantitiesBySku(order.lines);
  const handling = items.flatMap((q) =>
    (data.handling[q.skuId] ?? []).map((h) => ({ sku: q.sellerSku || q.skuId, note: h })),
  );
  const a4 = size === 'a4';
  return (
    <section
      className={`pb-page pb-page--${size}`}
      data-doc="slip"
      data-order-id={order.id}
      data-practice={data.practice ? 'true' : 'false'}
    >
      {data.practice && <Watermark text={t('labels.practiceSlipWatermark')} />}
      <div className="pb-content slip">
        <div className="slip-head">
          <div>
            <div className="slip-title">{t('labels.slip.title')}</div>
            <div className="pb-ltr pb-strong" data-field="order-id">
              {t('labels.order')} {order.id}
            </div>
          </div>
          <div className="pb-caption">{data.sender.name}</div>
        </div>
        <div className="slip-to">
          <span className="pb-caption">{t('labels.shipTo')}</span>
          <div className="pb-strong" dir="auto" data-field="name">
            {order.recipient.name || '—'}
          </div>
          <div dir="auto" data-field="address">
            {order.recipient.fullAddress || t('labels.noAddress')}
          </div>
        </div>
        <FitBox name="slip-items" className="slip-body" maxPt={a4 ? 11 : 9} minPt={a4 ? 7 : 5.5}>
          <table className="slip-table">
            <thead>
              <tr>
                <th className="slip-sku">{t('labels.slip.sku')}</th>
                <th>{t('labels.slip.name')}</th>
                <th className="slip-qty">{t('labels.slip.qty')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((q) => (
                <tr key={q.skuId} data-sku={q.sellerSku}>
                  <td className="slip-sku pb-ltr">{q.sellerSku || q.skuId}</td>
                  <td dir="auto">
                    {q.skuName ? `${q.productName} — ${q.skuName}` : q.productName}
                  </td>
                  <td className="slip-qty">{q.quantity}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="slip-notes">
            {order.buyerMessage && (
              <div className="slip-note" data-field="buyer-message">
                <div className="pb-caption">{t('labels.slip.buyerMessage')}</div>
                <div dir="auto">{order.buyerMessage}</div>
              </div>
            )}
            {order.sellerNote && (
              <div className="slip-note" data-field="seller-note">
                <div className="pb-caption">{t('labels.slip.sellerNote')}</div>
                <div dir="auto">{order.sellerNote}</div>
              </div>
            )}
            {handling.length > 0 && (
              <div className="slip-note" data-field="handling">
                <div className="pb-caption">{t('labels.slip.handling')}</div>
                {handling.map((h) => (
                  <div key={`${h.sku}-${h.note}`}>
                    <span className="pb-ltr pb-strong">{h.sku}</span>:{' '}
                    {t(`labels.handling.${h.note}`)}
                  </div>
                ))}
              </div>
            )}
          </div>
        </FitBox>
      </div>
    </section>
  );
}

import { useTranslation } from 'react-i18next';
import type { OrderRow } from '#shared/domain/order';
import type { ProductRow } from '#shared/domain/product';

const HANDLING: ReadonlyArray<ProductRow['handling'][number]> = ['fragile', 'liquid', 'battery'];

/** Handling notes of the order's items, the buyer message and the seller note. */
export function OrderNotes(props: {
  order: OrderRow;
  handling: ReadonlySet<ProductRow['handling'][number]>;
}) {
  const { t } = useTranslation();
  const { order } = props;
  const notes = HANDLING.filter((h) => props.handling.has(h));
  return (
    <div className="pack-notes">
      {notes.length > 0 ? (
        <div className="handling-box" data-testid="handling-notes">
          <strong>{t('packing.handling.title')}</strong>
          <div className="handling-chips">
            {notes.map((h) => (
              <span key={h} className={`handling-chip handling-chip--${h}`}>
                {t(`packing.handling.${h}`)}
              </span>
            ))}
          </div>
        </div>
      ) : null}
      <dl className="pack-messages">
        <dt>{t('packing.notes.buyer')}</dt>
        <dd dir="auto" data-testid="buyer-message">
          {order.buyerMessage || t('packing.notes.none')}
        </dd>
        <dt>{t('packing.notes.seller')}</dt>
        <dd dir="auto" data-testid="seller-note">
          {order.sellerNote || t('packing.notes.none')}
        </dd>
      </dl>
    </div>
  );
}

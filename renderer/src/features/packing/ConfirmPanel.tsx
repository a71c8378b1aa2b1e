import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { quantitiesBySku } from '#shared/domain/order';
import {
  usePackAlreadyConfirmed,
  usePackConfirmation,
  usePackGuard,
  usePackOrder,
} from '../../stores/packing-store';
import { packingStore } from '../../stores/packing-store';
import type { PackController } from './controller';
import { OrderNotes } from './OrderNotes';
import { reasonText } from './text';

/** Step 1: the confirmation result, and Confirm (reserves stock and starts the pack session). */
export function ConfirmPanel(props: { controller: PackController }) {
  const { t, i18n } = useTranslation();
  const order = usePackOrder();
  const confirmation = usePackConfirmation();
  const already = usePackAlreadyConfirmed();
  const [busy, setBusy] = useState(false);
  // Held elsewhere, packed already, an unfinished pack to decide on, or a replaced database.
  const guard = usePackGuard();
  const blocked = guard !== null && guard.kind !== 'write-failed';
  const handling = useMemo(() => {
    const index = packingStore.getState().index;
    const set = new Set<'fragile' | 'liquid' | 'battery'>();
    for (const l of order?.lines ?? []) {
      for (const h of index?.bySku.get(l.skuId)?.handling ?? []) set.add(h);
    }
    return set;
  }, [order]);
  if (!order || !confirmation) return null;
  const stops = confirmation.reasons.filter((r) => r.severity === 'stop');
  const r = order.recipient;
  const verdict = stops.length > 0 ? 'stop' : confirmation.reasons.length > 0 ? 'warn' : 'ok';
  return (
    <section className="confirm-panel" data-testid="confirm-panel" data-verdict={verdict}>
      <div className={`confirm-verdict confirm-verdict--${verdict}`}>
        {verdict === 'stop'
          ? t('packing.confirm.stop')
          : verdict === 'warn'
            ? t('packing.confirm.warnings')
            : t('packing.confirm.clean')}
      </div>
      {confirmation.reasons.length > 0 ? (
        <ul className="reason-list" data-testid="confirm-reasons">
          {confirmation.reasons.map((reason, i) => (
            <li
              key={`${reason.code}-${i}`}
              className={`reason reason--${reason.severity}${reason.loud ? ' reason--loud' : ''}`}
              data-code={reason.code}
            >
              <span className="reason-severity">
                {reason.severity === 'stop'
                  ? t('packing.confirm.stopSeverity')
                  : t('packing.confirm.warnSeverity')}
              </span>
              <span className="reason-text">
                {reasonText(reason.code, reason.params, i18n.language)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="confirm-grid">
        <div>
          <h3>{t('packing.confirm.recipient')}</h3>
          {r.fullAddress ? (
            <div dir="auto" className="confirm-recipient">
              <p className="pack-strong">{r.name}</p>
              <p>{r.fullAddress}</p>
              <p dir="ltr">{r.phone}</p>
            </div>
          ) : (
            <p className="muted">{t('packing.confirm.noAddress')}</p>
          )}
        </div>
        <div>
          <h3>{t('packing.confirm.items')}</h3>
          <ul className="confirm-items">
            {quantitiesBySku(order.lines).map((q) => (
              <li key={q.skuId}>
                <span className="confirm-qty">{q.quantity}×</span>{' '}
                <span className="mono">{q.sellerSku}</span> <span dir="auto">{q.productName}</span>{' '}
                <span className="muted">{q.skuName}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>
      <OrderNotes order={order} handling={handling} />
      <div className="button-row">
        <button
          type="button"
          className="big-button big-button--primary confirm-button"
          disabled={!confirmation.ok || busy || blocked}
          autoFocus
          onClick={() => {
            setBusy(true);
            void props.controller.confirmAndStart().finally(() => setBusy(false));
          }}
        >
          {t('packing.confirm.confirm')}
        </button>
        {already ? <span className="ok-text">{t('packing.confirm.confirmed')}</span> : null}
        <button type="button" className="big-button" onClick={() => void props.controller.close()}>
          {t('packing.close')}
        </button>
      </div>
    </section>
  );
}

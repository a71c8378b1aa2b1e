import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackLine } from '#shared/logic/pack/index';
import { packingStore, usePackingActions } from '../../stores/packing-store';

const Row = memo(function Row(props: { line: PackLine; onManual: (skuId: string) => void }) {
  const { t } = useTranslation();
  const l = props.line;
  const done = l.counted >= l.expected;
  return (
    <tr
      className={`check-row${done ? ' check-row--done' : ''}${l.overriddenBy ? ' check-row--forced' : ''}`}
      data-sku={l.sellerSku}
      data-counted={l.counted}
      data-expected={l.expected}
    >
      <td className="check-mark" aria-hidden>
        {done ? '✔' : ''}
      </td>
      <td className="check-item">
        <div className="mono check-sku">{l.sellerSku}</div>
        <div dir="auto">
          {l.productName} <span className="muted">{l.skuName}</span>
        </div>
        {l.handling.length > 0 ? (
          <div className="handling-chips">
            {l.handling.map((h) => (
              <span key={h} className={`handling-chip handling-chip--${h}`}>
                {t(`packing.handling.${h}`)}
              </span>
            ))}
          </div>
        ) : null}
        {l.manualOnly ? <div className="warn-text">{t('packing.checklist.manualOnly')}</div> : null}
        {l.overriddenBy ? (
          <div className="warn-text">{t('packing.checklist.forced', { who: l.overriddenBy })}</div>
        ) : l.manual ? (
          <div className="muted">{t('packing.checklist.manualDone')}</div>
        ) : null}
      </td>
      <td className="check-count">
        <span className="check-counted">{l.counted}</span>
        <span className="check-of">/{l.expected}</span>
      </td>
      <td className="check-actions">
        {l.manualOnly ? (
          <button type="button" className="big-button" onClick={() => props.onManual(l.skuId)}>
            {t('packing.checklist.manual')}
          </button>
        ) : null}
      </td>
    </tr>
  );
});

/** The per-SKU checklist. Rows are memoised on their line, so a scan re-renders one row. */
export function Checklist() {
  const { t } = useTranslation();
  const lines = packingStore((s) => s.pack?.lines);
  const seq = packingStore((s) => s.pack?.seq ?? 0);
  const counted = packingStore((s) => s.pack?.countedTotal ?? 0);
  const expected = packingStore((s) => s.pack?.expectedTotal ?? 0);
  const remaining = packingStore((s) => s.pack?.remaining ?? 0);
  const { dialogOpened } = usePackingActions();
  if (!lines) return null;
  return (
    <section className="checklist" data-testid="checklist" data-seq={seq}>
      <header className="checklist-head">
        <h2>{t('packing.checklist.title')}</h2>
        <span className="checklist-total" data-testid="checklist-total">
          {t('packing.checklist.total', { counted, expected })}
        </span>
        <span className={remaining === 0 ? 'ok-text' : 'muted'}>
          {remaining === 0
            ? t('packing.checklist.verified')
            : t('packing.checklist.remaining', { count: remaining })}
        </span>
      </header>
      <div className="checklist-scroll">
        <table className="check-table">
          <tbody>
            {lines.map((line) => (
              <Row
                key={line.skuId}
                line={line}
                onManual={(skuId) => dialogOpened({ kind: 'manual', skuId })}
              />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

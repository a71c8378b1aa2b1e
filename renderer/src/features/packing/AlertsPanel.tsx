import { useTranslation } from 'react-i18next';
import { packingStore } from '../../stores/packing-store';
import type { PackController } from './controller';

/** Open alerts block completion until the item is taken out or a supervisor overrides. */
export function AlertsPanel(props: { controller: PackController }) {
  const { t } = useTranslation();
  const alerts = packingStore((s) => s.pack?.alerts);
  if (!alerts || alerts.length === 0) return null;
  return (
    <section className="alerts-panel" data-testid="alerts-panel">
      <h3>{t('packing.alerts.title')}</h3>
      <ul>
        {alerts.map((a) => (
          <li key={a.seq} className="alert-row" data-kind={a.kind}>
            <span className="alert-kind">{t(`packing.alerts.${a.kind}`)}</span>
            <span className="mono">{a.code}</span>
            <button
              type="button"
              className="big-button"
              onClick={() => props.controller.resolve(a.seq)}
            >
              {t('packing.alerts.removed')}
            </button>
          </li>
        ))}
      </ul>
      {alerts.length > 1 ? (
        <button type="button" className="big-button" onClick={() => props.controller.resolve()}>
          {t('packing.alerts.allRemoved')}
        </button>
      ) : null}
    </section>
  );
}

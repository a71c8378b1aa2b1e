import { useTranslation } from 'react-i18next';
import { useOpenExceptionCount } from '../../data/hooks/tracking';

/** Status bar: how many parcels wait in the exceptions queue (F9). */
export function ExceptionCount() {
  const { t } = useTranslation();
  const count = useOpenExceptionCount() ?? 0;
  if (count === 0) return null;
  return (
    <span className="tracking-count" data-testid="exception-count" data-count={count}>
      {t('tracking.statusBar', { count })} (F9)
    </span>
  );
}

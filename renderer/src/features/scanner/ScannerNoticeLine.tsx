import { useTranslation } from 'react-i18next';
import { useScannerNotice } from '../../stores/scanner-store';

/** What the scanner last had to say (a scan not understood, no order for a code), on this screen. */
export function ScannerNoticeLine() {
  const { t } = useTranslation();
  const notice = useScannerNotice();
  if (!notice) return null;
  return (
    <div className="scanner-notice" role="alert" data-kind={notice.kind}>
      {t(`scanner.notices.${notice.kind}`, { text: 'text' in notice ? notice.text : '' })}
    </div>
  );
}

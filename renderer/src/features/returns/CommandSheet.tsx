import { useTranslation } from 'react-i18next';
import {
  DISPOSITION_CODES,
  DONE_CODE,
  DONE_REFUND_CODE,
  GRADE_CODES,
} from '#shared/logic/returns/commands';
import { DISPOSITIONS, UNIT_GRADES } from '#shared/logic/returns/types';
import { Barcode } from '../labels/Barcode';

/** The command barcodes, to scan from the screen or a printout: grades, destinations, done. */
export function CommandSheet() {
  const { t } = useTranslation();
  const items = [
    ...UNIT_GRADES.map((g) => ({ code: GRADE_CODES[g], text: t(`returns.grade.${g}`) })),
    ...DISPOSITIONS.map((d) => ({
      code: DISPOSITION_CODES[d],
      text: `→ ${t(`returns.disposition.${d}`)}`,
    })),
    { code: DONE_CODE, text: t('returns.command.done') },
    { code: DONE_REFUND_CODE, text: t('returns.command.doneRefund') },
  ];
  return (
    <section className="returns-commands" aria-label={t('returns.intake.commands')}>
      <h3>{t('returns.intake.commands')}</h3>
      <ul>
        {items.map((i) => (
          <li key={i.code} data-command={i.code}>
            <strong>{i.text}</strong>
            <Barcode value={i.code} dpi={203} boxDots={420} heightMm={6} role="command" />
          </li>
        ))}
      </ul>
    </section>
  );
}

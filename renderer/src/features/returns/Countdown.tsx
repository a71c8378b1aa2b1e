import { useTranslation } from 'react-i18next';
import { countdown, formatSpan, type NextAction } from '#shared/logic/returns/deadlines';

/** The seller's next action and its deadline; red when overdue. */
export function Countdown(props: { action: string; deadline: number; now: number }) {
  const { t } = useTranslation();
  const c = countdown(props.action as NextAction, props.deadline || null, props.now);
  const text =
    c.msLeft === null
      ? t('returns.due.none')
      : c.msLeft < 0
        ? t('returns.due.overdue', { span: formatSpan(c.msLeft) })
        : t('returns.due.left', { span: formatSpan(c.msLeft) });
  return (
    <span className={`returns-due returns-due--${c.urgency}`} data-urgency={c.urgency}>
      {text}
    </span>
  );
}

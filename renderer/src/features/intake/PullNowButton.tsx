import { useTranslation } from 'react-i18next';
import { activeIntake } from './controller';
import { useIntakeRun } from './use-intake-run';

export function PullNowButton(props: { className?: string }) {
  const { t } = useTranslation();
  const run = useIntakeRun();
  return (
    <button
      type="button"
      className={props.className ?? 'big-button'}
      disabled={run.running}
      onClick={() => void activeIntake()?.pullNow()}
    >
      {t('intake.pullNow')}
    </button>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenOutcome } from '../data/db';
import { exportStationData, type ExportOutcome } from '../features/settings';

type Problem = Exclude<OpenOutcome, { kind: 'ready' }>;

/** Shown instead of the station when the database is too new or cannot be opened. Deletes nothing. */
export function DbProblemScreen(props: { problem: Problem; onRetry: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const p = props.problem;
  return (
    <main className="problem-screen" role="alert" data-testid="db-problem" data-kind={p.kind}>
      <h1>{p.kind === 'too-new' ? t('dbError.tooNewTitle') : t('dbError.errorTitle')}</h1>
      <p className="problem-body">
        {p.kind === 'too-new'
          ? t('dbError.tooNewBody', {
              found: p.found.appVersion ?? t('dbError.unknown'),
              foundSchema: p.found.schemaVersion ?? t('dbError.unknown'),
              ours: p.ours.appVersion,
              oursSchema: p.ours.schemaVersion,
            })
          : t('dbError.errorBody', { message: p.message })}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="big-button"
          onClick={() => void exportStationData(p.dbName).then(setOutcome)}
        >
          {t('dbError.export')}
        </button>
        <button type="button" className="big-button" onClick={props.onRetry}>
          {t('dbError.retry')}
        </button>
      </div>
      {outcome?.kind === 'saved' ? <p>{t('settings.exported', { path: outcome.path })}</p> : null}
      {outcome?.kind === 'downloaded' ? (
        <p data-testid="export-done">{t('settings.exportedDownload', { name: outcome.name })}</p>
      ) : null}
      {outcome?.kind === 'failed' ? <p className="error-text">{outcome.message}</p> : null}
    </main>
  );
}

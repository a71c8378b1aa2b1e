import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalLine } from '#shared/logic/recovery/rebuild';
import { useDbName, useRepos } from '../../data/context';
import { cues } from '../../lib/sounds';
import { log } from '../../lib/logger';
import { getSessionState } from '../../stores/session-store';
import {
  readHostJournal,
  recoveryActor,
  resumeSyncAfterRestore,
  startAutoBackup,
} from './recovery';
import './recovery.css';

type OfferState =
  | { kind: 'none' }
  | { kind: 'offer'; lines: JournalLine[]; count: number }
  | { kind: 'restoring' }
  | { kind: 'restored'; count: number }
  | { kind: 'failed'; message: string };

/**
 * Mounted once in the shell: starts the automatic backups, and when the station database holds
 * no shipment update at all (new, or wiped) while the host journal has unconfirmed ones, offers
 * to restore them — a large banner at the top, until restored or put off.
 */
export function RecoveryOffer() {
  const { t } = useTranslation();
  const repos = useRepos();
  const dbName = useDbName();
  const [state, setState] = useState<OfferState>({ kind: 'none' });

  useEffect(() => startAutoBackup(repos, dbName), [repos, dbName]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      if (!(await repos.recovery.isFresh())) return;
      const { lines } = await readHostJournal();
      const plan = await repos.recovery.planJournal(lines, Date.now());
      if (!cancelled && plan.rows.length > 0) {
        setState({ kind: 'offer', lines, count: plan.rows.length });
        cues.play('warning', getSessionState().soundVolume);
      }
    })().catch((cause: unknown) => log.warn('journal check failed', { error: String(cause) }));
    return () => {
      cancelled = true;
    };
  }, [repos]);

  if (state.kind === 'none') return null;
  const restore = (lines: JournalLine[]) => {
    setState({ kind: 'restoring' });
    void repos.recovery
      .restoreFromJournal(lines, recoveryActor(), Date.now())
      .then((r) => {
        resumeSyncAfterRestore();
        cues.play('success', getSessionState().soundVolume);
        setState({ kind: 'restored', count: r.restored });
      })
      .catch((cause: unknown) => {
        cues.play('error', getSessionState().soundVolume);
        setState({ kind: 'failed', message: String(cause) });
      });
  };
  return (
    <div
      className="recovery-offer"
      role="alert"
      data-testid="recovery-offer"
      data-state={state.kind}
    >
      {state.kind === 'offer' ? (
        <>
          <h2>{t('recovery.offer.title')}</h2>
          <p>{t('recovery.offer.body', { count: state.count })}</p>
          <p>{t('recovery.offer.safe')}</p>
          <div className="button-row">
            <button
              type="button"
              className="big-button big-button--primary"
              data-testid="recovery-offer-restore"
              onClick={() => restore(state.lines)}
            >
              {t('recovery.offer.restore')}
            </button>
            <button type="button" className="big-button" onClick={() => setState({ kind: 'none' })}>
              {t('recovery.offer.later')}
            </button>
          </div>
        </>
      ) : null}
      {state.kind === 'restoring' ? <p>{t('recovery.backups.restoring')}</p> : null}
      {state.kind === 'restored' ? (
        <div className="button-row">
          <p className="ok-text">{t('recovery.journal.restored', { count: state.count })}</p>
          <button type="button" className="big-button" onClick={() => setState({ kind: 'none' })}>
            {t('recovery.backups.close')}
          </button>
        </div>
      ) : null}
      {state.kind === 'failed' ? (
        <p className="error-text">{t('recovery.backups.failed', { message: state.message })}</p>
      ) : null}
    </div>
  );
}

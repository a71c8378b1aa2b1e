import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataProvider } from '../data/context';
import { deleteStationDb, openStationDb, type OpenOutcome, type StationDb } from '../data/db';
import { seedPracticeShop } from '../data/practice-seed';
import { createRepositories, type Repositories } from '../data/repositories';
import { createStationIntake, pullOnce, setActiveIntake } from '../features/intake';
import { startOutboxSync, type SyncHandle } from '../features/outbox';
import { startTrackingRefresher, type RefresherHandle } from '../features/tracking';
import { log } from '../lib/logger';
import { DbProblemScreen } from './DbProblemScreen';
import { installDevHooks } from './dev-hooks';
import { ProgressBar } from './ProgressBar';
import { resolveStationMode, type StationMode } from './station-mode';
import { Shell } from './Shell';

/** How many practice orders the bench dev hook seeds by default (first start pulls instead). */
export const FIRST_START_PRACTICE_ORDERS = 500;

type Phase =
  | { kind: 'opening' }
  | { kind: 'seeding'; done: number; total: number }
  | { kind: 'pulling'; done: number; total: number }
  | { kind: 'ready'; db: StationDb; repos: Repositories; mode: StationMode }
  | Exclude<OpenOutcome, { kind: 'ready' }>;

async function requestPersistence(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'opening' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    let opened: StationDb | null = null;
    let intake: ReturnType<typeof createStationIntake> | null = null;
    let sync: SyncHandle | null = null;
    let tracking: RefresherHandle | null = null;
    let resolved: StationMode | null = null;
    void (async () => {
      const mode = await resolveStationMode();
      resolved = mode;
      if (cancelled) return;
      const { dbName, practice } = mode;
      const out = await openStationDb(dbName, __APP_VERSION__, { requestPersistence });
      if (cancelled) {
        if (out.kind === 'ready') out.db.close();
        return;
      }
      if (out.kind !== 'ready') {
        log.error('station database not opened', { kind: out.kind });
        setPhase(out);
        return;
      }
      opened = out.db;
      // Storage deleted or damaged under the running station (the browser force-closes the
      // connection): say so and offer Retry, which opens a new database and the journal restore.
      out.db.on('close', () => {
        log.error('station database closed from outside', { dbName });
        intake?.stop();
        void sync?.stop();
        void tracking?.stop();
        if (!cancelled) {
          setPhase({
            kind: 'error',
            dbName,
            message: 'the browser closed the station database (its storage was deleted or damaged)',
          });
        }
      });
      log.info('station database open', { persisted: out.persisted });
      const repos = createRepositories(out.db);
      if ((await repos.intake.state()).firstPullCompletedAt === null) {
        // First start: the practice catalog is local, the orders come from the (practice) shop
        // through the bridge, as from a real shop. A pull cut short resumes from its checkpoint.
        if (practice) {
          await seedPracticeShop(out.db, { target: 0, nowSeconds: Math.floor(Date.now() / 1000) });
        }
        const first = await pullOnce(repos, {
          practice,
          onProgress: (p) =>
            !cancelled && setPhase({ kind: 'pulling', done: p.done, total: p.total }),
        });
        if (!first.ok) log.warn('first pull failed; retried by the periodic pull', { ...first });
      }
      if (cancelled) return;
      intake = createStationIntake(repos, { practice });
      setActiveIntake(intake);
      intake.start();
      if (__DEV_HOOKS__) installDevHooks(out.db, repos);
      sync = startOutboxSync(repos);
      tracking = startTrackingRefresher(repos);
      setPhase({ kind: 'ready', db: out.db, repos, mode });
    })().catch((cause: unknown) => {
      log.error('boot failed', { error: String(cause) });
      if (!cancelled) {
        setPhase({ kind: 'error', dbName: resolved?.dbName ?? '', message: String(cause) });
      }
    });
    return () => {
      cancelled = true;
      intake?.stop();
      void sync?.stop();
      void tracking?.stop();
      setActiveIntake(null);
      opened?.close();
    };
  }, [attempt]);

  const resetPractice = useCallback(() => {
    if (phase.kind !== 'ready' || !phase.mode.practice) return;
    phase.db.close();
    void deleteStationDb(phase.mode.dbName).then(() => setAttempt((a) => a + 1));
    setPhase({ kind: 'opening' });
  }, [phase]);

  switch (phase.kind) {
    case 'opening':
      return <p className="boot-message">{t('app.loading')}</p>;
    case 'seeding':
      return (
        <div className="boot-message">
          <ProgressBar done={phase.done} total={phase.total} label={t('app.seeding', phase)} />
        </div>
      );
    case 'pulling':
      return (
        <div className="boot-message">
          <ProgressBar
            done={phase.done}
            total={phase.total}
            label={t('intake.firstPullPractice', phase)}
          />
        </div>
      );
    case 'too-new':
    case 'error':
      return <DbProblemScreen problem={phase} onRetry={() => setAttempt((a) => a + 1)} />;
    case 'ready':
      return (
        <DataProvider value={{ db: phase.db, repos: phase.repos }}>
          <Shell
            dbName={phase.mode.dbName}
            practice={phase.mode.practice}
            onResetPractice={resetPractice}
          />
        </DataProvider>
      );
  }
}

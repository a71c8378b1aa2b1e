import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataProvider } from '../data/context';
import {
  deleteStationDb,
  openStationDb,
  PRACTICE_DB_NAME,
  type OpenOutcome,
  type StationDb,
} from '../data/db';
import { seedPracticeShop } from '../data/practice-seed';
import { createRepositories, type Repositories } from '../data/repositories';
import { log } from '../lib/logger';
import { DbProblemScreen } from './DbProblemScreen';
import { installDevHooks } from './dev-hooks';
import { ProgressBar } from './ProgressBar';
import { Shell } from './Shell';

/** How many practice orders a new station starts with. */
export const FIRST_START_PRACTICE_ORDERS = 500;

type Phase =
  | { kind: 'opening' }
  | { kind: 'seeding'; done: number; total: number }
  | { kind: 'ready'; db: StationDb; repos: Repositories }
  | Exclude<OpenOutcome, { kind: 'ready' }>;

async function requestPersistence(): Promise<boolean> {
  return (await navigator.storage?.persist?.()) ?? false;
}

export function App() {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>({ kind: 'opening' });
  const [attempt, setAttempt] = useState(0);
  const dbName = PRACTICE_DB_NAME;

  useEffect(() => {
    let cancelled = false;
    let opened: StationDb | null = null;
    void (async () => {
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
      log.info('station database open', { persisted: out.persisted });
      const repos = createRepositories(out.db);
      const seed = await repos.meta.practiceSeed();
      if (!seed?.completedAt) {
        await seedPracticeShop(out.db, {
          target: FIRST_START_PRACTICE_ORDERS,
          nowSeconds: Math.floor(Date.now() / 1000),
          onProgress: (p) => !cancelled && setPhase({ kind: 'seeding', ...p }),
        });
      }
      if (cancelled) return;
      installDevHooks(out.db, repos);
      setPhase({ kind: 'ready', db: out.db, repos });
    })().catch((cause: unknown) => {
      log.error('boot failed', { error: String(cause) });
      if (!cancelled) setPhase({ kind: 'error', dbName, message: String(cause) });
    });
    return () => {
      cancelled = true;
      opened?.close();
    };
  }, [attempt, dbName]);

  const resetPractice = useCallback(() => {
    if (phase.kind !== 'ready') return;
    phase.db.close();
    void deleteStationDb(dbName).then(() => setAttempt((a) => a + 1));
    setPhase({ kind: 'opening' });
  }, [phase, dbName]);

  switch (phase.kind) {
    case 'opening':
      return <p className="boot-message">{t('app.loading')}</p>;
    case 'seeding':
      return (
        <div className="boot-message">
          <ProgressBar done={phase.done} total={phase.total} label={t('app.seeding', phase)} />
        </div>
      );
    case 'too-new':
    case 'error':
      return <DbProblemScreen problem={phase} onRetry={() => setAttempt((a) => a + 1)} />;
    case 'ready':
      return (
        <DataProvider value={{ db: phase.db, repos: phase.repos }}>
          <Shell dbName={dbName} practice onResetPractice={resetPractice} />
        </DataProvider>
      );
  }
}

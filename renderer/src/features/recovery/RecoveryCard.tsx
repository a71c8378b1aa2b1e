import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BACKUPS_KEPT, type BackupInfo, type BackupSummary } from '#shared/bridge/recovery';
import type { JournalLine, RebuildPlan } from '#shared/logic/recovery/rebuild';
import { ProgressBar } from '../../app/ProgressBar';
import { useDbName, useRepos } from '../../data/context';
import { formatBytes, formatDateTime } from '../../lib/format';
import { cues } from '../../lib/sounds';
import { getSessionState } from '../../stores/session-store';
import {
  BACKUP_INTERVAL_MS,
  backupNow,
  listBackups,
  readBackup,
  readHostJournal,
  recoveryActor,
  resumeSyncAfterRestore,
} from './recovery';
import './recovery.css';

type JournalState =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'checked'; lines: JournalLine[]; plan: RebuildPlan; skipped: number }
  | { kind: 'restoring' }
  | { kind: 'restored'; count: number }
  | { kind: 'failed'; message: string };

type RestoreState =
  | { kind: 'idle' }
  | { kind: 'armed' }
  | { kind: 'running'; done: number; total: number }
  | { kind: 'done'; rows: number; verify: number }
  | { kind: 'failed'; message: string };

const play = (cue: 'success' | 'error') => cues.play(cue, getSessionState().soundVolume);

/** Settings › Recovery and backups: restore from the host journal, back up, preview, restore. */
export function RecoveryCard() {
  const { t, i18n } = useTranslation();
  const repos = useRepos();
  const dbName = useDbName();
  const [journal, setJournal] = useState<JournalState>({ kind: 'idle' });
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [saving, setSaving] = useState<'idle' | 'running' | { saved: string } | { error: string }>(
    'idle',
  );
  const [preview, setPreview] = useState<{ backup: BackupInfo; now: BackupSummary } | null>(null);
  const [restore, setRestore] = useState<RestoreState>({ kind: 'idle' });

  const refresh = useCallback(() => {
    listBackups(dbName)
      .then((list) => {
        setBackups(list);
        setListError(null);
      })
      .catch((cause: unknown) => setListError(String(cause)));
  }, [dbName]);
  useEffect(refresh, [refresh]);

  const checkJournal = () => {
    setJournal({ kind: 'checking' });
    void readHostJournal()
      .then(async ({ lines, skipped }) => {
        const plan = await repos.recovery.planJournal(lines, Date.now());
        setJournal({ kind: 'checked', lines, plan, skipped });
      })
      .catch((cause: unknown) => setJournal({ kind: 'failed', message: String(cause) }));
  };
  const restoreJournal = (lines: JournalLine[]) => {
    setJournal({ kind: 'restoring' });
    void repos.recovery
      .restoreFromJournal(lines, recoveryActor(), Date.now())
      .then((r) => {
        resumeSyncAfterRestore();
        play('success');
        setJournal({ kind: 'restored', count: r.restored });
      })
      .catch((cause: unknown) => {
        play('error');
        setJournal({ kind: 'failed', message: String(cause) });
      });
  };
  const saveNow = () => {
    setSaving('running');
    void backupNow(repos, dbName)
      .then((info) => {
        setSaving({ saved: info.name });
        refresh();
      })
      .catch((cause: unknown) => setSaving({ error: String(cause) }));
  };
  const openPreview = (backup: BackupInfo) => {
    setRestore({ kind: 'idle' });
    void repos.recovery
      .summary(__APP_VERSION__)
      .then((now) => setPreview({ backup, now }))
      .catch((cause: unknown) => setRestore({ kind: 'failed', message: String(cause) }));
  };
  const runRestore = (backup: BackupInfo) => {
    setRestore({ kind: 'running', done: 0, total: 0 });
    void (async () => {
      const data = await readBackup(backup.name);
      const { lines } = await readHostJournal();
      const receipt = await repos.recovery.restoreBackup(
        data,
        lines,
        recoveryActor(),
        Date.now(),
        (done, total) => setRestore({ kind: 'running', done, total }),
      );
      resumeSyncAfterRestore();
      play('success');
      setRestore({
        kind: 'done',
        rows: Object.values(receipt.tables).reduce((a, b) => a + b, 0),
        verify: receipt.toVerify,
      });
    })().catch((cause: unknown) => {
      play('error');
      setRestore({ kind: 'failed', message: String(cause) });
    });
  };

  const b = preview?.backup;
  const schemaMatches =
    b !== undefined && preview !== null && b.schemaVersion === preview.now.schemaVersion;
  return (
    <section className="card" data-testid="recovery-card">
      <h2>{t('recovery.title')}</h2>

      <h3>{t('recovery.journal.title')}</h3>
      <p>{t('recovery.journal.explain')}</p>
      <div className="button-row">
        <button
          type="button"
          className="big-button"
          data-testid="journal-check"
          disabled={journal.kind === 'checking' || journal.kind === 'restoring'}
          onClick={checkJournal}
        >
          {t('recovery.journal.check')}
        </button>
        {journal.kind === 'checked' && journal.plan.rows.length > 0 ? (
          <button
            type="button"
            className="big-button big-button--primary"
            data-testid="journal-restore"
            onClick={() => restoreJournal(journal.lines)}
          >
            {t('recovery.journal.restore')}
          </button>
        ) : null}
      </div>
      <div data-testid="journal-result">
        {journal.kind === 'checking' || journal.kind === 'restoring' ? (
          <ProgressBar done={0} total={null} label={t('recovery.journal.checking')} compact />
        ) : null}
        {journal.kind === 'checked' ? (
          <>
            <p className={journal.plan.rows.length > 0 ? 'warn-text' : 'ok-text'}>
              {journal.plan.rows.length > 0
                ? t('recovery.journal.found', { count: journal.plan.rows.length })
                : t('recovery.journal.none')}
            </p>
            <p>
              {t('recovery.journal.details', {
                here: journal.plan.alreadyHere,
                settled: journal.plan.settled,
                superseded: journal.plan.superseded,
              })}
            </p>
            {journal.skipped + journal.plan.invalid > 0 ? (
              <p className="warn-text">
                {t('recovery.journal.invalid', { count: journal.skipped + journal.plan.invalid })}
              </p>
            ) : null}
          </>
        ) : null}
        {journal.kind === 'restored' ? (
          <p className="ok-text">{t('recovery.journal.restored', { count: journal.count })}</p>
        ) : null}
        {journal.kind === 'failed' ? (
          <p className="error-text">{t('recovery.backups.failed', { message: journal.message })}</p>
        ) : null}
      </div>

      <h3>{t('recovery.backups.title')}</h3>
      <p>
        {t('recovery.backups.explain', {
          minutes: Math.round(BACKUP_INTERVAL_MS / 60_000),
          kept: BACKUPS_KEPT,
        })}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="big-button"
          data-testid="backup-now"
          disabled={saving === 'running'}
          onClick={saveNow}
        >
          {saving === 'running' ? t('recovery.backups.running') : t('recovery.backups.now')}
        </button>
      </div>
      {typeof saving === 'object' && 'saved' in saving ? (
        <p className="ok-text">{t('recovery.backups.saved', { name: saving.saved })}</p>
      ) : null}
      {typeof saving === 'object' && 'error' in saving ? (
        <p className="error-text">{t('recovery.backups.unavailable', { message: saving.error })}</p>
      ) : null}
      {listError ? (
        <p className="error-text">{t('recovery.backups.unavailable', { message: listError })}</p>
      ) : null}
      {backups?.length === 0 ? <p>{t('recovery.backups.none')}</p> : null}
      <ul className="backup-list" data-testid="backup-list">
        {(backups ?? []).map((item) => (
          <li key={item.name} data-backup={item.name}>
            <span>
              {t('recovery.backups.item', {
                time: formatDateTime(item.createdAt, i18n.language, true),
                size: formatBytes(item.bytes),
                orders: item.counts.orders ?? 0,
                updates: item.activeUpdates,
              })}
            </span>
            <button type="button" className="big-button" onClick={() => openPreview(item)}>
              {t('recovery.backups.preview')}
            </button>
          </li>
        ))}
      </ul>

      {preview && b ? (
        <div className="backup-preview" data-testid="backup-preview">
          <h3>{t('recovery.backups.previewTitle')}</h3>
          <p>
            <strong>{formatDateTime(b.createdAt, i18n.language, true)}</strong> · {b.name}
          </p>
          <table>
            <thead>
              <tr>
                <th>{t('recovery.backups.table')}</th>
                <th>{t('recovery.backups.inBackup')}</th>
                <th>{t('recovery.backups.onStation')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.keys({ ...preview.now.counts, ...b.counts }).map((table) => (
                <tr key={table} data-table={table}>
                  <td>{table}</td>
                  <td className="num">{b.counts[table] ?? 0}</td>
                  <td className="num">{preview.now.counts[table] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {schemaMatches ? (
            <>
              <p className="warn-text">
                {t('recovery.backups.replaces', {
                  time: formatDateTime(b.createdAt, i18n.language, true),
                })}
              </p>
              <p data-testid="backup-preview-verify">
                {t('recovery.backups.verify', { count: b.activeUpdates })}
              </p>
              <p>{t('recovery.backups.journalToo')}</p>
            </>
          ) : (
            <p className="error-text">
              {t('recovery.backups.otherSchema', {
                found: b.schemaVersion,
                ours: preview.now.schemaVersion,
              })}
            </p>
          )}
          {restore.kind === 'running' ? (
            <ProgressBar
              done={restore.done}
              total={restore.total > 0 ? restore.total : null}
              label={t('recovery.backups.restoring')}
              compact
            />
          ) : null}
          {restore.kind === 'done' ? (
            <p className="ok-text" data-testid="backup-restored">
              {t('recovery.backups.restored', { rows: restore.rows, verify: restore.verify })}
            </p>
          ) : null}
          {restore.kind === 'failed' ? (
            <p className="error-text">
              {t('recovery.backups.failed', { message: restore.message })}
            </p>
          ) : null}
          <div className="button-row">
            {schemaMatches && (restore.kind === 'idle' || restore.kind === 'armed') ? (
              <button
                type="button"
                className="big-button big-button--danger"
                data-testid="backup-restore"
                onClick={() =>
                  restore.kind === 'armed' ? runRestore(b) : setRestore({ kind: 'armed' })
                }
              >
                {restore.kind === 'armed'
                  ? t('recovery.backups.confirm')
                  : t('recovery.backups.restore')}
              </button>
            ) : null}
            <button type="button" className="big-button" onClick={() => setPreview(null)}>
              {t('recovery.backups.close')}
            </button>
          </div>
        </div>
      ) : null}
    </section>
  );
}

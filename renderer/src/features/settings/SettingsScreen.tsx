import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '#shared/bridge/contract';
import { formatBytes } from '../../lib/format';
import { changeLanguage, LANGUAGES } from '../../lib/i18n';
import { bridge } from '../../platform/bridge';
import { PackingSettings } from '../packing';
import { PrinterSettingsCard } from '../printing';
import { DevicesSettings } from '../devices';
import { RecoveryCard } from '../recovery';
import { useSessionActions } from '../../stores/session-store';
import { exportStationData, type ExportOutcome } from './export-data';
import { ShopSettings } from './ShopSettings';

interface StorageInfo {
  persisted: boolean;
  usage: number;
  quota: number;
}

export function SettingsScreen(props: {
  dbName: string;
  practice: boolean;
  onResetPractice: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { languageChosen } = useSessionActions();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [storage, setStorage] = useState<StorageInfo | null>(null);
  const [exported, setExported] = useState<ExportOutcome | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void bridge()
      .app.getInfo({})
      .then((r) => r.ok && setInfo(r.value));
    void (async () => {
      const persisted = (await navigator.storage?.persisted?.()) ?? false;
      const est = (await navigator.storage?.estimate?.()) ?? {};
      setStorage({ persisted, usage: est.usage ?? 0, quota: est.quota ?? 0 });
    })();
  }, []);

  return (
    <div className="settings-screen">
      <h1>{t('settings.title')}</h1>
      <section className="card">
        <h2>{t('settings.language')}</h2>
        <div className="button-row">
          {LANGUAGES.map((l) => (
            <button
              key={l}
              type="button"
              className={`big-button${i18n.language === l ? ' big-button--active' : ''}`}
              aria-pressed={i18n.language === l}
              onClick={() => {
                languageChosen(l);
                void changeLanguage(l);
              }}
            >
              {l === 'en' ? 'English' : '简体中文'}
            </button>
          ))}
        </div>
      </section>
      <PackingSettings />
      <PrinterSettingsCard />
      <DevicesSettings />
      <section className="card">
        <h2>{t('settings.mode')}</h2>
        <p>{props.practice ? t('settings.practiceExplained') : t('statusBar.live')}</p>
        {props.practice ? (
          <button
            type="button"
            className="big-button big-button--danger"
            onClick={() => {
              if (window.confirm(t('settings.resetConfirm'))) props.onResetPractice();
            }}
          >
            {t('settings.resetPractice')}
          </button>
        ) : null}
      </section>
      <ShopSettings />
      <section className="card">
        <h2>{t('settings.storage')}</h2>
        {storage ? (
          <>
            <p className={storage.persisted ? 'ok-text' : 'warn-text'}>
              {storage.persisted ? t('settings.persisted') : t('settings.notPersisted')}
            </p>
            <p>
              {t('settings.usage', {
                used: formatBytes(storage.usage),
                quota: formatBytes(storage.quota),
              })}
            </p>
          </>
        ) : null}
      </section>
      <RecoveryCard />
      <section className="card">
        <h2>{t('settings.exportTitle')}</h2>
        <button
          type="button"
          className="big-button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            void exportStationData(props.dbName).then((o) => {
              setExported(o);
              setBusy(false);
            });
          }}
        >
          {t('settings.exportButton')}
        </button>
        {exported?.kind === 'saved' ? (
          <p>{t('settings.exported', { path: exported.path })}</p>
        ) : null}
        {exported?.kind === 'downloaded' ? (
          <p>{t('settings.exportedDownload', { name: exported.name })}</p>
        ) : null}
        {exported?.kind === 'failed' ? <p className="error-text">{exported.message}</p> : null}
      </section>
      <section className="card">
        <h2>{t('settings.about')}</h2>
        {info ? (
          <p>
            {t('settings.version', {
              version: info.version,
              host: info.host === 'electron' ? t('settings.hostElectron') : t('settings.hostWeb'),
            })}
          </p>
        ) : null}
      </section>
    </div>
  );
}

import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { PrintingHost } from '../features/printing';
import { DevicesHost } from '../features/devices';
import { RecoveryOffer } from '../features/recovery';
import { ScannerListener } from '../features/scanner';
import { SettingsScreen } from '../features/settings';
import { StatusBar } from '../features/status';
import { useScreen, useUiActions } from '../stores/ui-store';
import { SCREENS, type ScreenContext } from './screens';

const SETTINGS = { id: 'settings', key: 'F10', label: 'nav.settings' } as const;

export function Shell(props: ScreenContext) {
  const { t } = useTranslation();
  const screen = useScreen();
  const { screenOpened } = useUiActions();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = [...SCREENS, SETTINGS].find((s) => s.key === e.key);
      if (target) {
        e.preventDefault();
        screenOpened(target.id);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screenOpened]);

  const active = SCREENS.find((s) => s.id === screen);
  return (
    <div className="shell">
      {props.practice ? (
        <div className="practice-banner" data-testid="practice-banner">
          {t('app.practiceBanner')}
        </div>
      ) : null}
      <RecoveryOffer />
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <nav className="top-nav">
          {[...SCREENS, SETTINGS].map((s) => (
            <button
              key={s.id}
              type="button"
              className={`nav-button${screen === s.id ? ' nav-button--active' : ''}`}
              aria-current={screen === s.id ? 'page' : undefined}
              onClick={() => screenOpened(s.id)}
            >
              {t(s.label)} <kbd>{s.key}</kbd>
            </button>
          ))}
        </nav>
      </header>
      <main className="screen">
        {active ? (
          active.render(props)
        ) : (
          <SettingsScreen
            dbName={props.dbName}
            practice={props.practice}
            onResetPractice={props.onResetPractice}
          />
        )}
      </main>
      <StatusBar practice={props.practice} />
      <ScannerListener />
      <PrintingHost />
      <DevicesHost />
    </div>
  );
}

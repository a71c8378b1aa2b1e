import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { QueueScreen } from '../features/queue';
import { SettingsScreen } from '../features/settings';
import { StatusBar } from '../features/status';
import { useScreen, useUiActions, type Screen } from '../stores/ui-store';

const SCREEN_KEYS: Record<string, Screen> = { F2: 'queue', F10: 'settings' };

export function Shell(props: { dbName: string; practice: boolean; onResetPractice: () => void }) {
  const { t } = useTranslation();
  const screen = useScreen();
  const { screenOpened } = useUiActions();

  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const target = SCREEN_KEYS[e.key];
      if (target) {
        e.preventDefault();
        screenOpened(target);
      }
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [screenOpened]);

  return (
    <div className="shell">
      {props.practice ? (
        <div className="practice-banner" data-testid="practice-banner">
          {t('app.practiceBanner')}
        </div>
      ) : null}
      <header className="top-bar">
        <span className="brand">{t('app.name')}</span>
        <nav className="top-nav">
          {(['queue', 'settings'] as const).map((s) => (
            <button
              key={s}
              type="button"
              className={`nav-button${screen === s ? ' nav-button--active' : ''}`}
              aria-current={screen === s ? 'page' : undefined}
              onClick={() => screenOpened(s)}
            >
              {t(`nav.${s}`)} <kbd>{s === 'queue' ? 'F2' : 'F10'}</kbd>
            </button>
          ))}
        </nav>
      </header>
      <main className="screen">
        {screen === 'queue' ? (
          <QueueScreen />
        ) : (
          <SettingsScreen
            dbName={props.dbName}
            practice={props.practice}
            onResetPractice={props.onResetPractice}
          />
        )}
      </main>
      <StatusBar practice={props.practice} />
    </div>
  );
}

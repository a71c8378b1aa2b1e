import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrderTotal } from '../../data/hooks';
import { IntakeStatus } from '../intake/IntakeStatus';
import { SyncStatus } from '../outbox/SyncStatus';
import { ExceptionCount } from '../tracking/ExceptionCount';
import { changeLanguage, LANGUAGES, type Language } from '../../lib/i18n';
import { bridge } from '../../platform/bridge';
import { useSessionActions } from '../../stores/session-store';

type Link = 'online' | 'offline' | 'host-down';

/**
 * Network as the browser sees it, plus whether our own host still answers: asked every 10 s, every
 * 2 s while it does not answer, and at once when the browser comes back online. Offline wins: in
 * browser mode the host is unreachable while the browser is offline, and "offline" is the cause.
 */
function useLink(): Link {
  const [online, setOnline] = useState(() => navigator.onLine);
  const [hostUp, setHostUp] = useState(true);
  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ping = async () => {
      clearTimeout(timer);
      const res = await bridge().app.getInfo({});
      if (!alive) return;
      setHostUp(res.ok);
      timer = setTimeout(() => void ping(), res.ok ? 10_000 : 2_000);
    };
    const up = () => {
      setOnline(true);
      void ping();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    void ping();
    return () => {
      alive = false;
      clearTimeout(timer);
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  if (!online) return 'offline';
  return hostUp ? 'online' : 'host-down';
}

export function StatusBar(props: { practice: boolean }) {
  const { t, i18n } = useTranslation();
  const link = useLink();
  const total = useOrderTotal();
  const { languageChosen } = useSessionActions();
  return (
    <footer className="status-bar" role="status">
      <span className={`link link--${link}`} data-testid="link-state">
        ●{' '}
        {link === 'online'
          ? t('statusBar.online')
          : link === 'offline'
            ? t('statusBar.offline')
            : t('statusBar.hostDown')}
      </span>
      <span>{t('statusBar.orders', { count: total ?? 0 })}</span>
      <IntakeStatus />
      <SyncStatus />
      <ExceptionCount />
      <span className={props.practice ? 'mode mode--practice' : 'mode'}>
        {props.practice ? t('statusBar.practice') : t('statusBar.live')}
      </span>
      <span className="spacer" />
      <label className="lang-switch">
        {t('statusBar.language')}{' '}
        <select
          value={i18n.language}
          aria-label={t('statusBar.language')}
          onChange={(e) => {
            const lang = e.target.value as Language;
            languageChosen(lang);
            void changeLanguage(lang);
          }}
        >
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {l === 'en' ? 'English' : '简体中文'}
            </option>
          ))}
        </select>
      </label>
    </footer>
  );
}

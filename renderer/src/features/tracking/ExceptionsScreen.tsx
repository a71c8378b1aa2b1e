import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { delayText, DEFAULT_THRESHOLDS, STATUS_TEXTS } from '#shared/logic/tracking/index';
import { useRepos } from '../../data/context';
import { useOpenExceptions, useParcel } from '../../data/hooks/tracking';
import type { ParcelRow } from '../../data/rows-tracking';
import { formatDateTime, formatDuration } from '../../lib/format';
import { cues } from '../../lib/sounds';
import { useNow } from '../../lib/use-now';
import { ProgressBar } from '../../app/ProgressBar';
import { getSessionState, useSoundVolume } from '../../stores/session-store';
import { MessageComposer } from './MessageComposer';
import { ThresholdsPanel } from './ThresholdsPanel';
import { currentRefresher } from './refresher';
import { useTrackingLastTick, useTrackingProgress } from './tracking-store';
import './tracking.css';

type Locale = 'zh-CN' | 'en';

function reasonText(p: ParcelRow, locale: Locale): string {
  return p.findings
    .map((f) =>
      delayText(f.code, locale, {
        hours: DEFAULT_THRESHOLDS.noFirstScanHours,
        days: DEFAULT_THRESHOLDS.noMovementDays,
      }),
    )
    .join(' · ');
}

/** The browser's own view of the network, kept current by its online/offline events. */
function useBrowserOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

function oldestSince(p: ParcelRow): number {
  return Math.min(...p.findings.map((f) => f.since));
}

/** The exceptions queue (F9): parcels in trouble, most urgent first, with their actions. */
export function ExceptionsScreen() {
  const { t, i18n } = useTranslation();
  const rows = useOpenExceptions();
  const [selected, setSelected] = useState<string | null>(null);
  const progress = useTrackingProgress();
  const lastTick = useTrackingLastTick();
  const now = useNow(30_000);
  const locale: Locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
  const [busy, setBusy] = useState(false);
  const online = useBrowserOnline();
  const [showThresholds, setShowThresholds] = useState(false);

  useEffect(() => {
    if (!rows || rows.length === 0) return;
    if (!selected || !rows.some((r) => r.id === selected)) setSelected(rows[0]?.id ?? null);
  }, [rows, selected]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!rows || rows.length === 0) return;
      const target = e.target as HTMLElement | null;
      if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      const i = rows.findIndex((r) => r.id === selected);
      if (e.key === 'ArrowDown') setSelected(rows[Math.min(rows.length - 1, i + 1)]?.id ?? null);
      else if (e.key === 'ArrowUp') setSelected(rows[Math.max(0, i - 1)]?.id ?? null);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rows, selected]);

  async function refresh() {
    setBusy(true);
    try {
      await currentRefresher()?.refreshNow({ all: true });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="screen tracking-screen" data-testid="exceptions-screen">
      <header className="tracking-header">
        <div>
          <h1>{t('tracking.title')}</h1>
          <p className="muted">{t('tracking.subtitle')}</p>
        </div>
        <div className="tracking-header-side">
          <strong data-testid="exceptions-count" data-count={rows?.length ?? 0}>
            {rows && rows.length > 0
              ? t('tracking.count', { count: rows.length })
              : t('tracking.none')}
          </strong>
          <button
            type="button"
            className="big-button"
            data-testid="tracking-refresh"
            disabled={busy}
            onClick={() => void refresh()}
          >
            {t('tracking.refresh')}
          </button>
          <button
            type="button"
            className="big-button"
            data-testid="tracking-thresholds"
            aria-expanded={showThresholds}
            onClick={() => setShowThresholds((v) => !v)}
          >
            {t('tracking.thresholdsToggle')}
          </button>
          {lastTick ? (
            <span className="muted" data-testid="tracking-last-refresh">
              {t('tracking.lastRefresh', {
                time: formatDateTime(lastTick.at, i18n.language, true),
                count: lastTick.refreshed,
              })}
            </span>
          ) : null}
        </div>
      </header>
      {progress ? (
        <ProgressBar
          done={progress.done}
          total={progress.total}
          label={t('tracking.refreshing', progress)}
          testId="tracking-progress"
        />
      ) : null}
      {!online ? (
        <p className="tracking-warning" data-testid="tracking-offline">
          {t('tracking.offline')}
        </p>
      ) : null}
      {showThresholds ? <ThresholdsPanel /> : null}
      <div className="tracking-body">
        <table className="tracking-table" data-testid="exceptions-table">
          <thead>
            <tr>
              <th>{t('tracking.col.reason')}</th>
              <th>{t('tracking.col.age')}</th>
              <th>{t('tracking.col.carrier')}</th>
              <th>{t('tracking.col.lastEvent')}</th>
              <th>{t('tracking.col.buyer')}</th>
              <th>{t('tracking.col.order')}</th>
            </tr>
          </thead>
          <tbody>
            {(rows ?? []).map((p) => (
              <tr
                key={p.id}
                data-testid="exception-row"
                data-order-id={p.orderId}
                data-reasons={p.findings.map((f) => f.code).join(' ')}
                className={
                  p.id === selected ? 'tracking-row tracking-row--selected' : 'tracking-row'
                }
                aria-selected={p.id === selected}
                onClick={() => setSelected(p.id)}
              >
                <td
                  className={`tracking-reason tracking-reason--sev${Math.max(...p.findings.map((f) => f.severity))}`}
                >
                  {reasonText(p, locale)}
                </td>
                <td>{formatDuration(now - oldestSince(p), i18n.language)}</td>
                <td>{p.carrier || '—'}</td>
                <td dir="auto">
                  {p.lastEventText ?? t('tracking.noEvents')}
                  {p.lastEventAt ? (
                    <span className="tracking-when">
                      {' '}
                      {formatDateTime(p.lastEventAt, i18n.language)}
                    </span>
                  ) : null}
                </td>
                <td dir="auto">{p.buyerName}</td>
                <td className="mono">{p.orderId}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {selected ? <ExceptionDetail id={selected} locale={locale} /> : null}
      </div>
    </div>
  );
}

type Panel = 'none' | 'contact' | 'reship' | 'claim' | 'resolve';

function ExceptionDetail(props: { id: string; locale: Locale }) {
  const { t, i18n } = useTranslation();
  const repos = useRepos();
  const parcel = useParcel(props.id);
  const volume = useSoundVolume();
  const [panel, setPanel] = useState<Panel>('none');
  const [input, setInput] = useState('');
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    setPanel('none');
    setNotice(null);
  }, [props.id]);
  if (!parcel) return null;
  const p = parcel;

  const actor = () => {
    const s = getSessionState();
    return { packer: s.operator?.name ?? 'station', station: s.stationId, now: Date.now() };
  };
  const done = (ok: boolean, text: string) => {
    cues.play(ok ? 'success' : 'error', volume);
    setNotice({ ok, text });
    if (ok) {
      setPanel('none');
      setInput('');
    }
  };

  async function save() {
    if (panel === 'reship') {
      const r = await repos.tracking.reship(p.id, input || t('tracking.reship'), actor());
      if (r.ok) done(true, t('tracking.reshipDone', { id: r.value.id }));
      else done(false, t('tracking.failed', { message: r.error.message }));
    } else if (panel === 'claim') {
      const r = await repos.tracking.fileClaim(p.id, input, actor());
      if (r.ok) done(true, t('tracking.claimDone', { ref: input.trim() }));
      else done(false, t('tracking.failed', { message: r.error.message }));
    } else if (panel === 'resolve') {
      const r = await repos.tracking.resolve(p.id, actor(), input);
      if (r.ok) done(true, t('tracking.resolved'));
      else done(false, t('tracking.failed', { message: r.error.message }));
    }
  }

  return (
    <aside className="tracking-detail" data-testid="exception-detail" data-order-id={p.orderId}>
      <h2 className="mono">{p.trackingNumber}</h2>
      <p>
        <strong>{STATUS_TEXTS[p.status][props.locale]}</strong>
        {p.claim ? ` · ${t('tracking.claimRef')}: ${p.claim.reference}` : ''}
        {p.replacementOrderId ? ` · ${p.replacementOrderId}` : ''}
      </p>
      <h3>{t('tracking.events')}</h3>
      <ol className="tracking-events" data-testid="exception-events">
        {[...p.events].reverse().map((e) => (
          <li key={`${e.at}-${e.text}`}>
            <span className="tracking-when">{formatDateTime(e.at, i18n.language)}</span>{' '}
            <span dir="auto">{e.text}</span>
          </li>
        ))}
      </ol>
      <h3>{t('tracking.actions')}</h3>
      <div className="tracking-actions">
        <button
          type="button"
          className="big-button big-button--primary"
          data-testid="action-contact"
          onClick={() => setPanel('contact')}
        >
          {t('tracking.contact')}
        </button>
        <button
          type="button"
          className="big-button"
          data-testid="action-reship"
          onClick={() => setPanel('reship')}
        >
          {t('tracking.reship')}
        </button>
        <button
          type="button"
          className="big-button"
          data-testid="action-claim"
          onClick={() => setPanel('claim')}
        >
          {t('tracking.claim')}
        </button>
        <button
          type="button"
          className="big-button"
          data-testid="action-resolve"
          onClick={() => setPanel('resolve')}
        >
          {t('tracking.resolve')}
        </button>
      </div>
      {panel === 'contact' ? (
        <MessageComposer parcel={p} onDone={() => setPanel('none')} />
      ) : panel !== 'none' ? (
        <form
          className="tracking-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <label>
            {panel === 'reship'
              ? t('tracking.reshipReason')
              : panel === 'claim'
                ? t('tracking.claimRef')
                : t('tracking.resolveNote')}
            <input
              autoFocus
              value={input}
              maxLength={500}
              data-testid="action-input"
              onChange={(e) => setInput(e.target.value)}
            />
          </label>
          <button
            type="submit"
            className="big-button big-button--primary"
            data-testid="action-save"
          >
            {t('tracking.save')}
          </button>
          <button type="button" className="big-button" onClick={() => setPanel('none')}>
            {t('tracking.cancel')}
          </button>
        </form>
      ) : null}
      {notice ? (
        <p
          className={notice.ok ? 'tracking-notice' : 'tracking-warning'}
          role="status"
          data-testid="action-notice"
        >
          {notice.text}
        </p>
      ) : null}
    </aside>
  );
}

import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { pageSpecOf, parsePrintRoute, routeOrderIds } from '#shared/logic/label-layout/print-route';
import { openStationDb } from '../data/db';
import { resolveStationMode } from './station-mode';
import { loadDocuments, type DocumentData } from '../features/labels/documents';
import { PrintDocument } from '../features/labels/PrintDocument';
import { log } from '../lib/logger';

type Phase =
  | { kind: 'loading' }
  | { kind: 'ready'; docs: DocumentData[]; fontsLoaded: boolean }
  | { kind: 'error'; code: string; detail: string };

const FONT_FAMILIES = ['Noto Sans', 'Noto Sans SC', 'Noto Sans Arabic'];

/**
 * Loads every bundled font face the page's text needs, then waits for all pending loads: the
 * faces are split by unicode-range and load only when text asks for them.
 */
async function loadFontsFor(text: string): Promise<void> {
  await new Promise((r) => requestAnimationFrame(() => r(undefined)));
  const sample = text.length > 0 ? text : ' ';
  await Promise.all(
    ['400', '700'].flatMap((weight) =>
      FONT_FAMILIES.map((f) =>
        document.fonts.load(`${weight} 12px "${f}"`, sample).catch(() => []),
      ),
    ),
  );
  await document.fonts.ready;
}

/**
 * The print app: `/print/...` routes render exactly one printable document (see
 * features/labels/README.md). It opens the station database without seeding, reads the orders,
 * renders, refits text once fonts are in, and then sets `body[data-print-ready="true"]`, the
 * signal the Electron print window, tests and the bench wait for. Failures set
 * `body[data-print-error]` and show what went wrong; nothing is printed half-loaded.
 */
export function PrintApp() {
  const { t } = useTranslation();
  const route = useMemo(() => parsePrintRoute(location.pathname, location.search), []);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });

  useEffect(() => {
    document.documentElement.dataset.printDoc = route.ok ? pageSpecOf(route.value).doc : 'error';
    if (!route.ok) {
      setPhase({ kind: 'error', code: route.error.code, detail: route.error.message });
      return;
    }
    let cancelled = false;
    void (async () => {
      const mode = await resolveStationMode();
      const out = await openStationDb(mode.dbName, __APP_VERSION__);
      if (out.kind !== 'ready') {
        return { kind: 'error', code: `db-${out.kind}`, detail: out.dbName } as const;
      }
      try {
        const loaded = await loadDocuments(out.db, routeOrderIds(route.value), mode.practice);
        if (!loaded.ok) {
          const e = loaded.error;
          return e.code === 'not-found'
            ? ({ kind: 'error', code: 'not-found', detail: e.missing.join(', ') } as const)
            : ({ kind: 'error', code: 'db-error', detail: e.message } as const);
        }
        return { kind: 'ready', docs: loaded.value, fontsLoaded: false } as const;
      } finally {
        out.db.close();
      }
    })()
      .catch(
        (cause: unknown) => ({ kind: 'error', code: 'failed', detail: String(cause) }) as const,
      )
      .then((next) => {
        if (cancelled) return;
        if (next.kind === 'error') log.warn('print route failed', { code: next.code });
        setPhase(next);
      });
    return () => {
      cancelled = true;
    };
  }, [route]);

  // Fonts load when text first needs them: render, load, then re-render so boxes refit.
  const ready = phase.kind === 'ready';
  const fontsLoaded = phase.kind === 'ready' && phase.fontsLoaded;
  useEffect(() => {
    if (!ready || fontsLoaded) return;
    let cancelled = false;
    void loadFontsFor(document.body.innerText).then(() => {
      if (!cancelled) setPhase((p) => (p.kind === 'ready' ? { ...p, fontsLoaded: true } : p));
    });
    return () => {
      cancelled = true;
    };
  }, [ready, fontsLoaded]);

  // Runs after the children's layout effects of the same commit: boxes are fitted by now.
  useEffect(() => {
    if (fontsLoaded) document.body.dataset.printReady = 'true';
    if (phase.kind === 'error') document.body.dataset.printError = phase.code;
  }, [fontsLoaded, phase]);

  if (phase.kind === 'loading') return null;
  if (phase.kind === 'error' || !route.ok) {
    const code = phase.kind === 'error' ? phase.code : 'invalid-print-route';
    return (
      <main className="print-error" data-print-error={code} role="alert">
        <h1>{t('labels.error.title')}</h1>
        <p>
          {code === 'not-found'
            ? t('labels.error.notFound', { ids: phase.kind === 'error' ? phase.detail : '' })
            : t('labels.error.other', { code })}
        </p>
        {phase.kind === 'error' && code !== 'not-found' && <pre>{phase.detail}</pre>}
      </main>
    );
  }
  return (
    <PrintDocument
      spec={pageSpecOf(route.value)}
      docs={phase.docs}
      tzOffsetMinutes={-new Date().getTimezoneOffset()}
    />
  );
}

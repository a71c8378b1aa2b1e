import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  computeInsights,
  filterDataset,
  reviewPeriod,
  reviewReport,
  type CarrierFigures,
  type DayPoint,
  type ReviewReport,
} from '#shared/logic/insights/index';
import { resolveStationMode } from '../../app/station-mode';
import { openStationDb } from '../../data/db';
import { createInsightsRepository } from '../../data/repositories/insights-repository';
import { log } from '../../lib/logger';
import { parseReportRoute } from './report-route';
import { ReportDocument } from './ReportDocument';
import './report-print.css';

type Phase =
  | { kind: 'loading' }
  | { kind: 'ready'; report: ReviewReport; days: DayPoint[]; carriers: CarrierFigures[] }
  | { kind: 'error'; code: string; detail: string };

/**
 * The review report's print route. Like the label routes it opens the station database without
 * seeding, renders, waits for fonts and charts, then sets `body[data-print-ready="true"]`;
 * failures set `body[data-print-error]`.
 */
export function ReportPrintApp() {
  const { t } = useTranslation();
  const query = useMemo(() => parseReportRoute(location.search), []);
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [chartsReady, setChartsReady] = useState(false);
  const signalled = useRef(false);

  useEffect(() => {
    document.documentElement.dataset.printDoc = 'report';
    if (!query) {
      setPhase({ kind: 'error', code: 'invalid-print-route', detail: location.search });
      return;
    }
    void (async (): Promise<Phase> => {
      const mode = await resolveStationMode();
      const out = await openStationDb(mode.dbName, __APP_VERSION__);
      if (out.kind !== 'ready')
        return { kind: 'error', code: `db-${out.kind}`, detail: out.dbName };
      try {
        const repo = createInsightsRepository(out.db);
        const [all, applied] = await Promise.all([repo.loadDataset(), repo.appliedSuggestions()]);
        const filters = {
          ...(query.packer ? { packer: query.packer } : {}),
          ...(query.carrier ? { carrier: query.carrier } : {}),
          ...(query.destination ? { destination: query.destination } : {}),
          ...(query.sku ? { skuId: query.sku } : {}),
        };
        const period = { kind: query.kind, ...reviewPeriod(query.kind, query.to, query.from) };
        const ds = filterDataset(all, { ...filters, ...period });
        const insights = computeInsights(ds, { from: period.from, to: period.to });
        return {
          kind: 'ready',
          report: reviewReport(ds, period, applied),
          days: insights.days,
          carriers: insights.carriers,
        };
      } finally {
        out.db.close();
      }
    })()
      .catch((cause: unknown): Phase => ({ kind: 'error', code: 'failed', detail: String(cause) }))
      .then((next) => {
        if (next.kind === 'error') log.warn('report route failed', { code: next.code });
        setPhase(next);
      });
  }, [query]);

  useEffect(() => {
    if (phase.kind === 'error') document.body.dataset.printError = phase.code;
    if (phase.kind !== 'ready' || !chartsReady || signalled.current) return;
    signalled.current = true;
    void document.fonts.ready.then(() => {
      document.body.dataset.printReady = 'true';
    });
  }, [phase, chartsReady]);

  if (phase.kind === 'loading') return null;
  if (phase.kind === 'error') {
    return (
      <main className="print-error" data-print-error={phase.code} role="alert">
        <h1>{t('labels.error.title')}</h1>
        <p>{t('labels.error.other', { code: phase.code })}</p>
        <pre>{phase.detail}</pre>
      </main>
    );
  }
  return (
    <ReportDocument
      report={phase.report}
      days={phase.days}
      carriers={phase.carriers}
      onChartsReady={() => setChartsReady(true)}
    />
  );
}

import Papa from 'papaparse';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import writeXlsxFile from 'write-excel-file/browser';
import {
  reportRows,
  reviewPeriod,
  type InsightQuery,
  type ReviewKind,
} from '#shared/logic/insights/index';
import { FORMULA_START, neutraliseFormula } from '#shared/logic/spreadsheet/formula';
import { useAppliedSuggestions } from '../../data/hooks/insights';
import type { InsightsClient } from './client';
import { isoDay } from './format';
import { reportRoutePath } from './report-route';

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Weekly, monthly or this period's review: printed (PDF) through its print route, or saved. */
export function ReportPanel(props: {
  client: InsightsClient;
  period: { from: number; to: number };
  filters: Omit<InsightQuery, 'from' | 'to'>;
}) {
  const { t } = useTranslation();
  const applied = useAppliedSuggestions();
  const [kind, setKind] = useState<ReviewKind>('week');
  const [error, setError] = useState<string | null>(null);
  const period = reviewPeriod(kind, props.period.to, props.period.from);
  const name = `packbench-review-${kind}-${isoDay(period.to)}`;

  async function rows() {
    const { report } = await props.client.call({
      type: 'report',
      period: { kind, ...period },
      applied: applied ?? [],
      query: props.filters,
    });
    return reportRows(report);
  }

  async function save(format: 'csv' | 'xlsx') {
    setError(null);
    try {
      const data = await rows();
      if (format === 'csv') {
        const csv = Papa.unparse(data, { escapeFormulae: FORMULA_START });
        download(`${name}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      } else {
        const sheet = data.map((row) =>
          row.map((v) =>
            v === null
              ? null
              : typeof v === 'number'
                ? { value: v, type: Number }
                : { value: neutraliseFormula(v), type: String },
          ),
        );
        download(`${name}.xlsx`, await writeXlsxFile(sheet).toBlob());
      }
    } catch (cause) {
      setError(String(cause));
    }
  }

  function print() {
    const route = reportRoutePath(kind, period, props.filters);
    const w = window.open(route, '_blank', 'popup,width=900,height=1000');
    if (!w) return;
    const started = performance.now();
    const timer = window.setInterval(() => {
      try {
        if (w.closed || performance.now() - started > 60_000) return window.clearInterval(timer);
        const body = w.document.body as HTMLElement | null;
        if (body?.dataset.printReady === 'true') {
          window.clearInterval(timer);
          w.print();
        } else if (body?.dataset.printError) window.clearInterval(timer);
      } catch {
        window.clearInterval(timer);
      }
    }, 150);
  }

  return (
    <section className="insights-block" data-testid="insights-report">
      <h3>{t('insights.report.title')}</h3>
      <div className="button-row" role="radiogroup" aria-label={t('insights.report.title')}>
        {(['week', 'month', 'custom'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="radio"
            aria-checked={kind === k}
            className={`big-button${kind === k ? ' big-button--active' : ''}`}
            data-testid={`insights-report-${k}`}
            onClick={() => setKind(k)}
          >
            {t(`insights.report.${k}`)}
          </button>
        ))}
      </div>
      <p className="muted">
        {isoDay(period.from)} – {isoDay(period.to - 1)}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="big-button big-button--primary"
          data-testid="insights-report-print"
          onClick={print}
        >
          {t('insights.report.print')}
        </button>
        <button
          type="button"
          className="big-button"
          data-testid="insights-report-csv"
          onClick={() => void save('csv')}
        >
          {t('insights.report.csv')}
        </button>
        <button
          type="button"
          className="big-button"
          data-testid="insights-report-xlsx"
          onClick={() => void save('xlsx')}
        >
          {t('insights.report.xlsx')}
        </button>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

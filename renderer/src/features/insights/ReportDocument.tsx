import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  HIGHER_IS_BETTER,
  type CarrierFigures,
  type DayPoint,
  type Headline,
  type ReviewReport,
} from '#shared/logic/insights/index';
import { Chart } from './Chart';
import { carriersOption, dailyOption } from './chart-options';
import { isoDay, num, pct } from './format';

const RATE_IDS = new Set([
  'misScanRate',
  'lateDispatchRate',
  'validTrackingRate',
  'shipByCompliance',
  'sellerFaultCancellationRate',
  'onTimeRate',
  'exceptionRate',
  'lossRate',
  'returnRate',
  'damageRate',
]);

/** A figure as the report prints it: counts as plain integers, rates with their sample. */
export function figureText(f: Headline | undefined): string {
  if (!f || f.value === null) return '—';
  if (RATE_IDS.has(f.id)) return `${pct(f.value)} (${f.numerator ?? 0}/${f.denominator ?? 0})`;
  return num(f.value);
}

function change(cur: Headline, prev: Headline | undefined): { text: string; tone: string } {
  if (cur.value === null || !prev || prev.value === null) return { text: '—', tone: '' };
  const d = cur.value - prev.value;
  // Below what the report prints (0.1 or 0.1 pt): no change.
  if (Math.abs(d) < (RATE_IDS.has(cur.id) ? 0.0005 : 0.05)) return { text: '0', tone: '' };
  const better = HIGHER_IS_BETTER[cur.id] ? d > 0 : d < 0;
  const text = RATE_IDS.has(cur.id)
    ? `${d > 0 ? '+' : ''}${(d * 100).toFixed(1)} pt`
    : `${d > 0 ? '+' : ''}${num(d)}`;
  return { text, tone: better ? 'better' : 'worse' };
}

/** The review report on paper (A4): numbers against the previous period, problems, changes, charts. */
export function ReportDocument(props: {
  report: ReviewReport;
  days: DayPoint[];
  carriers: CarrierFigures[];
  onChartsReady: () => void;
}) {
  const { t } = useTranslation();
  const r = props.report;
  const prev = new Map(r.previous.figures.map((f) => [f.id, f]));
  const done = useRef(new Set<string>());
  const chartDone = (id: string) => () => {
    done.current.add(id);
    if (done.current.size === 2) props.onChartsReady();
  };
  return (
    <main className="review-report" data-testid="review-report">
      <h1>{t('insights.report.heading', { kind: t(`insights.report.${r.kind}`) })}</h1>
      <p>
        {t('insights.report.period', {
          from: isoDay(r.current.from),
          to: isoDay(r.current.to - 1),
          pfrom: isoDay(r.previous.from),
          pto: isoDay(r.previous.to - 1),
        })}
      </p>
      <table className="review-table" data-testid="review-figures">
        <thead>
          <tr>
            <th>{t('insights.report.figure')}</th>
            <th>{t('insights.report.current')}</th>
            <th>{t('insights.report.previous')}</th>
            <th>{t('insights.report.change')}</th>
          </tr>
        </thead>
        <tbody>
          {r.current.figures.map((f) => {
            const c = change(f, prev.get(f.id));
            return (
              <tr key={f.id} data-figure={f.id}>
                <th scope="row">{t(`insights.report.headline.${f.id}`)}</th>
                <td>{figureText(f)}</td>
                <td>{figureText(prev.get(f.id))}</td>
                <td className={`review-${c.tone}`}>{c.text}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>{t('insights.report.problems')}</h2>
      {r.problems.length === 0 ? (
        <p>{t('insights.report.noProblems')}</p>
      ) : (
        <table className="review-table">
          <thead>
            <tr>
              <th>{t('insights.report.problem')}</th>
              <th>{t('insights.report.impact')}</th>
              <th>{t('insights.report.evidence')}</th>
            </tr>
          </thead>
          <tbody>
            {r.problems.map((p) => (
              <tr key={`${p.kind}-${p.subject}`}>
                <th scope="row">
                  {t(`insights.report.kinds.${p.kind}`)}
                  {p.subject ? `: ${p.subject}` : ''}
                </th>
                <td>{p.impact}</td>
                <td>
                  {p.rate === null ? '' : `${pct(p.rate)} `}({p.impact}/{p.sample}) ·{' '}
                  {p.orderIds.slice(0, 3).join(', ')}
                  {p.orderIds.length > 3 ? ' …' : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('insights.report.applied')}</h2>
      {r.applied.length === 0 ? (
        <p>{t('insights.report.noApplied')}</p>
      ) : (
        <table className="review-table" data-testid="review-applied">
          <thead>
            <tr>
              <th>{t('insights.report.figure')}</th>
              <th>{t('insights.report.before')}</th>
              <th>{t('insights.report.after')}</th>
            </tr>
          </thead>
          <tbody>
            {r.applied.map((a) => (
              <tr key={a.suggestionId}>
                <th scope="row">{a.suggestionId}</th>
                <td>
                  {pct(a.before.value)} ({a.before.numerator}/{a.before.sample})
                </td>
                <td>
                  {pct(a.after.value)} ({a.after.numerator}/{a.after.sample})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section className="review-charts">
        <h2>{t('insights.charts.daily')}</h2>
        <Chart
          option={dailyOption(
            props.days,
            {
              packed: t('insights.charts.packed'),
              misScanRate: t('insights.charts.misScanRate'),
              lateRate: t('insights.charts.lateRate'),
            },
            false,
          )}
          height={300}
          renderer="svg"
          testId="review-chart-daily"
          onRendered={chartDone('daily')}
        />
        <h2>{t('insights.charts.carriers')}</h2>
        <Chart
          option={carriersOption(
            props.carriers,
            { onTime: t('insights.charts.onTime'), transit: t('insights.charts.transit') },
            false,
          )}
          height={300}
          renderer="svg"
          testId="review-chart-carriers"
          onRendered={chartDone('carriers')}
        />
      </section>
    </main>
  );
}

import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DAY_MS,
  type InsightQuery,
  type Insights,
  type Suggestion,
} from '#shared/logic/insights/index';
import { ProgressBar } from '../../app/ProgressBar';
import { useDbName, useStationDb } from '../../data/context';
import { seedPracticeHistory } from '../../data/practice-history';
import { log } from '../../lib/logger';
import { Chart } from './Chart';
import { carriersOption, dailyOption } from './chart-options';
import { insightsClient } from './client';
import { DrillPanel } from './DrillPanel';
import { isoDay } from './format';
import { ReportPanel } from './ReportPanel';
import { SuggestionsPanel } from './SuggestionsPanel';
import { CarrierTable, FulfilmentTiles, PackerTable, SkuTable, type DrillTarget } from './Tables';
import './insights.css';

type Phase =
  | { kind: 'seeding'; done: number; total: number }
  | { kind: 'loading' }
  | { kind: 'ready' }
  | { kind: 'error'; message: string };

type Preset = 'week' | 'month' | 'custom';
type Filters = Omit<InsightQuery, 'from' | 'to'>;

function periodOf(preset: Preset, now: number, custom: { from: number; to: number }) {
  if (preset === 'custom') return custom;
  return { from: now - (preset === 'week' ? 7 : 28) * DAY_MS, to: now };
}

function FilterSelect(props: {
  label: string;
  value: string | undefined;
  options: string[];
  names?: ReadonlyMap<string, string>;
  testId: string;
  onChange: (v: string | undefined) => void;
}) {
  const { t } = useTranslation();
  return (
    <label className="insights-filter">
      <span>{props.label}</span>
      <select
        value={props.value ?? ''}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
      >
        <option value="">{t('insights.all')}</option>
        {props.options.map((o) => (
          <option key={o} value={o}>
            {props.names?.get(o) ?? o}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * Insights: packer, fulfilment, carrier and SKU numbers for a period, with filters, charts,
 * drill-down to the orders behind every figure, suggestions and the review report. Computed in a
 * Web Worker; in practice mode, weeks of practice history are written on first open.
 */
export function InsightsScreen(props: { practice: boolean }) {
  const { t } = useTranslation();
  const db = useStationDb();
  const dbName = useDbName();
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [now, setNow] = useState(() => Date.now());
  const [preset, setPreset] = useState<Preset>('month');
  const [custom, setCustom] = useState(() => ({ from: now - 14 * DAY_MS, to: now }));
  const [filters, setFilters] = useState<Filters>({});
  const [insights, setInsights] = useState<Insights | null>(null);
  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [drill, setDrill] = useState<{ label: string; orderIds: string[] | null } | null>(null);
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map());
  const client = useMemo(() => insightsClient(dbName), [dbName]);
  const period = useMemo(() => periodOf(preset, now, custom), [preset, now, custom]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      if (props.practice) {
        const seeded = await seedPracticeHistory(db, {
          now: Date.now(),
          onProgress: (p) => !cancelled && setPhase({ kind: 'seeding', ...p }),
        });
        if (seeded.seeded) await client.reload();
      }
      setPhase({ kind: 'loading' });
      await client.fresh();
      const products = await db.products.toArray();
      if (cancelled) return;
      setNames(new Map(products.map((p) => [p.id, `${p.sellerSku} ${p.skuName}`])));
      setPhase({ kind: 'ready' });
    })().catch((cause: unknown) => {
      log.error('insights failed to load', { error: String(cause) });
      if (!cancelled) setPhase({ kind: 'error', message: String(cause) });
    });
    return () => {
      cancelled = true;
    };
  }, [db, client, props.practice]);

  useEffect(() => {
    if (phase.kind !== 'ready') return;
    let cancelled = false;
    void (async () => {
      const [computed, suggested] = await Promise.all([
        client.call({ type: 'compute', query: { ...period, ...filters } }),
        client.call({ type: 'suggest', to: period.to }),
      ]);
      if (cancelled) return;
      setInsights(computed.insights);
      setSuggestions(suggested.suggestions);
    })().catch(
      (cause: unknown) => !cancelled && setPhase({ kind: 'error', message: String(cause) }),
    );
    return () => {
      cancelled = true;
    };
  }, [phase.kind, client, period, filters]);

  const onDrill = useCallback(
    (target: DrillTarget) => {
      setDrill({ label: target.label, orderIds: null });
      void client
        .call({ type: 'drill', path: target.path })
        .then((r) => setDrill({ label: target.label, orderIds: r.orderIds }));
    },
    [client],
  );

  const refresh = () => {
    setPhase({ kind: 'loading' });
    void client.reload().then(() => {
      setNow(Date.now());
      setPhase({ kind: 'ready' });
    });
  };

  const daily = useMemo(
    () =>
      insights
        ? dailyOption(insights.days, {
            packed: t('insights.charts.packed'),
            misScanRate: t('insights.charts.misScanRate'),
            lateRate: t('insights.charts.lateRate'),
          })
        : null,
    [insights, t],
  );
  const carriers = useMemo(
    () =>
      insights
        ? carriersOption(insights.carriers, {
            onTime: t('insights.charts.onTime'),
            transit: t('insights.charts.transit'),
          })
        : null,
    [insights, t],
  );
  const skuName = (id: string) => names.get(id) ?? id;
  const setFilter = (key: keyof Filters, value: string | undefined) =>
    setFilters((f) => {
      const next = { ...f };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });

  if (phase.kind === 'seeding') {
    return (
      <div className="insights-screen">
        <ProgressBar
          done={phase.done}
          total={phase.total}
          label={t('insights.seeding', phase)}
          testId="insights-progress"
        />
      </div>
    );
  }
  if (phase.kind === 'error') {
    return (
      <p className="error-text" role="alert">
        {phase.message}
      </p>
    );
  }

  return (
    <section
      className="insights-screen"
      data-testid="insights-screen"
      data-ready={insights !== null}
    >
      <header className="insights-head">
        <h2>{t('insights.title')}</h2>
        <div className="button-row" role="radiogroup" aria-label={t('insights.period')}>
          {(['week', 'month', 'custom'] as const).map((p) => (
            <button
              key={p}
              type="button"
              role="radio"
              aria-checked={preset === p}
              data-testid={`insights-period-${p}`}
              className={`big-button${preset === p ? ' big-button--active' : ''}`}
              onClick={() => setPreset(p)}
            >
              {t(
                p === 'week'
                  ? 'insights.last7'
                  : p === 'month'
                    ? 'insights.last28'
                    : 'insights.custom',
              )}
            </button>
          ))}
          <button
            type="button"
            className="big-button"
            onClick={refresh}
            data-testid="insights-refresh"
          >
            {t('insights.refresh')}
          </button>
        </div>
        {preset === 'custom' ? (
          <div className="insights-dates">
            {(['from', 'to'] as const).map((k) => (
              <label key={k} className="insights-filter">
                <span>{t(`insights.${k}`)}</span>
                <input
                  type="date"
                  value={isoDay(k === 'to' ? custom.to - 1 : custom.from)}
                  onChange={(e) => {
                    const day = Date.parse(`${e.target.value}T00:00:00Z`);
                    if (Number.isNaN(day)) return;
                    setCustom((c) =>
                      k === 'from' ? { ...c, from: day } : { ...c, to: day + DAY_MS },
                    );
                  }}
                />
              </label>
            ))}
          </div>
        ) : null}
        {insights ? (
          <div className="insights-filters" aria-label={t('insights.filters')}>
            <FilterSelect
              label={t('insights.packer')}
              value={filters.packer}
              options={insights.choices.packers}
              testId="insights-filter-packer"
              onChange={(v) => setFilter('packer', v)}
            />
            <FilterSelect
              label={t('insights.carrier')}
              value={filters.carrier}
              options={insights.choices.carriers}
              testId="insights-filter-carrier"
              onChange={(v) => setFilter('carrier', v)}
            />
            <FilterSelect
              label={t('insights.destination')}
              value={filters.destination}
              options={insights.choices.destinations}
              testId="insights-filter-destination"
              onChange={(v) => setFilter('destination', v)}
            />
            <FilterSelect
              label={t('insights.sku')}
              value={filters.skuId}
              options={insights.choices.skus}
              names={names}
              testId="insights-filter-sku"
              onChange={(v) => setFilter('skuId', v)}
            />
          </div>
        ) : null}
        <p className="muted">{t('insights.drillHint')}</p>
      </header>
      {!insights ? (
        <ProgressBar
          done={0}
          total={null}
          label={phase.kind === 'loading' ? t('insights.loading') : t('insights.computing')}
          compact
        />
      ) : (
        <>
          {drill ? (
            <DrillPanel
              key={drill.label}
              label={drill.label}
              orderIds={drill.orderIds}
              onClose={() => setDrill(null)}
            />
          ) : null}
          <FulfilmentTiles insights={insights} onDrill={onDrill} />
          <div className="insights-charts">
            <section className="insights-block">
              <h3>{t('insights.charts.daily')}</h3>
              {daily ? (
                <Chart
                  option={daily}
                  height={320}
                  testId="insights-chart-daily"
                  exportName="insights-daily"
                  onPick={(i) => {
                    const d = insights.days[i];
                    if (d) {
                      setCustom({ from: d.day, to: d.day + DAY_MS });
                      setPreset('custom');
                    }
                  }}
                />
              ) : null}
            </section>
            <section className="insights-block">
              <h3>{t('insights.charts.carriers')}</h3>
              {carriers ? (
                <Chart
                  option={carriers}
                  height={320}
                  testId="insights-chart-carriers"
                  exportName="insights-carriers"
                  onPick={(i) => {
                    const c = insights.carriers[i];
                    if (c) onDrill({ path: ['carriers', i, 'late'], label: `${c.carrier} · late` });
                  }}
                />
              ) : null}
            </section>
          </div>
          <SuggestionsPanel suggestions={suggestions} skuName={skuName} />
          <PackerTable insights={insights} by="packers" onDrill={onDrill} />
          <PackerTable insights={insights} by="stations" onDrill={onDrill} />
          <CarrierTable insights={insights} onDrill={onDrill} />
          <SkuTable insights={insights} names={names} onDrill={onDrill} />
          <ReportPanel client={client} period={period} filters={filters} />
        </>
      )}
    </section>
  );
}

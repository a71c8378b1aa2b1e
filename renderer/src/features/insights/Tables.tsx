import { useTranslation } from 'react-i18next';
import type { Insights, Rate } from '#shared/logic/insights/index';
import { minutes, money, num, pct, rateText } from './format';

/** Where a figure's orders are in the worker's last result, and what to call them. */
export interface DrillTarget {
  path: (string | number)[];
  label: string;
}

type Drill = (target: DrillTarget) => void;

/** A number that opens the orders behind it. */
function Cell(props: {
  text: string;
  target: DrillTarget;
  onDrill: Drill;
  testId?: string;
  count: number;
}) {
  if (props.count === 0) return <td className="num">{props.text}</td>;
  return (
    <td className="num">
      <button
        type="button"
        className="insights-drill"
        data-testid={props.testId}
        onClick={() => props.onDrill(props.target)}
      >
        {props.text}
      </button>
    </td>
  );
}

function RateCell(props: {
  r: Rate;
  label: string;
  path: (string | number)[];
  onDrill: Drill;
  testId?: string;
}) {
  return (
    <Cell
      text={rateText(props.r)}
      count={props.r.numerator}
      target={{ path: props.path, label: props.label }}
      onDrill={props.onDrill}
      {...(props.testId ? { testId: props.testId } : {})}
    />
  );
}

/** The shop's fulfilment health, as large tiles; each tile drills down. */
export function FulfilmentTiles(props: { insights: Insights; onDrill: Drill }) {
  const { t } = useTranslation();
  const f = props.insights.fulfilment;
  const tiles: { key: string; label: string; r: Rate; good: 'high' | 'low' }[] = [
    {
      key: 'lateDispatch',
      label: t('insights.figures.lateDispatch'),
      r: f.lateDispatch,
      good: 'low',
    },
    {
      key: 'validTracking',
      label: t('insights.figures.validTracking'),
      r: f.validTracking,
      good: 'high',
    },
    {
      key: 'shipByCompliance',
      label: t('insights.figures.shipByCompliance'),
      r: f.shipByCompliance,
      good: 'high',
    },
    {
      key: 'sellerFaultCancellations',
      label: t('insights.figures.sellerFaultCancellations'),
      r: f.sellerFaultCancellations,
      good: 'low',
    },
  ];
  return (
    <div className="insights-tiles">
      {tiles.map((tile) => (
        <button
          key={tile.key}
          type="button"
          className="insights-tile"
          data-testid={`insights-tile-${tile.key}`}
          data-numerator={tile.r.numerator}
          data-denominator={tile.r.denominator}
          onClick={() => props.onDrill({ path: ['fulfilment', tile.key], label: tile.label })}
        >
          <span className="insights-tile-label">{tile.label}</span>
          <strong className="insights-tile-value">{pct(tile.r.value)}</strong>
          <span className="insights-tile-sample">
            {t('insights.figures.ofSample', { n: tile.r.numerator, d: tile.r.denominator })}
          </span>
        </button>
      ))}
      <button
        type="button"
        className="insights-tile"
        data-testid="insights-tile-syncLag"
        onClick={() =>
          props.onDrill({
            path: ['fulfilment', 'syncPending'],
            label: t('insights.figures.syncPending'),
          })
        }
      >
        <span className="insights-tile-label">{t('insights.figures.syncLag')}</span>
        <strong className="insights-tile-value">
          {t('insights.figures.minutes', {
            value: `${minutes(f.syncLagP50Ms)} / ${minutes(f.syncLagP90Ms)}`,
          })}
        </strong>
        <span className="insights-tile-sample">
          {t('insights.figures.syncPending')}: {f.syncPending.length}
        </span>
      </button>
    </div>
  );
}

export function PackerTable(props: {
  insights: Insights;
  by: 'packers' | 'stations';
  onDrill: Drill;
}) {
  const { t } = useTranslation();
  const rows = props.insights[props.by];
  return (
    <section className="insights-block">
      <h3>{t(props.by === 'packers' ? 'insights.packers.title' : 'insights.packers.stations')}</h3>
      <table className="insights-table" data-testid={`insights-${props.by}`}>
        <thead>
          <tr>
            <th>
              {t(props.by === 'packers' ? 'insights.packers.name' : 'insights.packers.station')}
            </th>
            <th>{t('insights.packers.orders')}</th>
            <th>{t('insights.packers.units')}</th>
            <th>{t('insights.packers.perHour')}</th>
            <th>{t('insights.packers.unitsPerHour')}</th>
            <th>{t('insights.packers.timePerOrder')}</th>
            <th>{t('insights.packers.misScans')}</th>
            <th>{t('insights.packers.overrides')}</th>
            <th>{t('insights.packers.reprints')}</th>
            <th>{t('insights.packers.stopShips')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => (
            <tr key={p.key} data-key={p.key}>
              <th scope="row">{p.key}</th>
              <Cell
                text={String(p.ordersPacked.count)}
                count={p.ordersPacked.count}
                target={{
                  path: [props.by, i, 'ordersPacked'],
                  label: `${p.key} · ${t('insights.packers.orders')}`,
                }}
                onDrill={props.onDrill}
                testId={`insights-${props.by}-orders-${p.key}`}
              />
              <td className="num">{p.unitsPacked}</td>
              <td className="num">{num(p.ordersPerHour)}</td>
              <td className="num">{num(p.unitsPerHour)}</td>
              <td className="num">
                {p.timePerOrderP50Ms === null ? '—' : `${minutes(p.timePerOrderP50Ms)} min`}
              </td>
              <RateCell
                r={p.misScans}
                label={`${p.key} · ${t('insights.packers.misScans')}`}
                path={[props.by, i, 'misScans']}
                onDrill={props.onDrill}
              />
              {(['overrides', 'reprints', 'stopShips'] as const).map((k) => (
                <Cell
                  key={k}
                  text={String(p[k].count)}
                  count={p[k].count}
                  target={{
                    path: [props.by, i, k],
                    label: `${p.key} · ${t(`insights.packers.${k}`)}`,
                  }}
                  onDrill={props.onDrill}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CarrierTable(props: { insights: Insights; onDrill: Drill }) {
  const { t } = useTranslation();
  const rows = props.insights.carrierRegions;
  return (
    <section className="insights-block">
      <h3>{t('insights.carriers.title')}</h3>
      {rows.every((r) => r.parcels === 0) ? (
        <p className="muted">{t('insights.carriers.noTracking')}</p>
      ) : null}
      <table className="insights-table" data-testid="insights-carriers">
        <thead>
          <tr>
            <th>{t('insights.carriers.carrier')}</th>
            <th>{t('insights.carriers.destination')}</th>
            <th>{t('insights.carriers.parcels')}</th>
            <th>{t('insights.carriers.onTime')}</th>
            <th>{t('insights.carriers.transit')}</th>
            <th>{t('insights.carriers.exceptions')}</th>
            <th>{t('insights.carriers.losses')}</th>
            <th>{t('insights.carriers.cost')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c, i) => {
            const label = `${c.carrier} → ${c.destination}`;
            return (
              <tr
                key={`${c.carrier}-${c.destination}`}
                data-carrier={c.carrier}
                data-destination={c.destination}
              >
                <th scope="row">{c.carrier}</th>
                <td>{c.destination}</td>
                <td className="num">{c.parcels}</td>
                <Cell
                  text={rateText(c.onTime)}
                  count={c.late.numerator}
                  target={{ path: ['carrierRegions', i, 'late'], label: `${label} · late` }}
                  onDrill={props.onDrill}
                  testId={`insights-carrier-late-${c.carrier}-${c.destination}`}
                />
                <td className="num">
                  {c.transitP50Hours === null
                    ? '—'
                    : t('insights.carriers.hours', {
                        p50: num(c.transitP50Hours, 0),
                        p90: num(c.transitP90Hours, 0),
                      })}
                </td>
                <RateCell
                  r={c.exceptions}
                  label={`${label} · ${t('insights.carriers.exceptions')}`}
                  path={['carrierRegions', i, 'exceptions']}
                  onDrill={props.onDrill}
                />
                <RateCell
                  r={c.losses}
                  label={`${label} · ${t('insights.carriers.losses')}`}
                  path={['carrierRegions', i, 'losses']}
                  onDrill={props.onDrill}
                />
                <td className="num">
                  {c.costPerParcel.map((x) => money(x.meanMinor, x.currency)).join(' · ') || '—'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

export function SkuTable(props: {
  insights: Insights;
  names: ReadonlyMap<string, string>;
  onDrill: Drill;
}) {
  const { t } = useTranslation();
  const rows = props.insights.skus;
  const anyAfterSales = rows.some(
    (s) => s.returns.numerator > 0 || s.weightMismatches.denominator > 0,
  );
  return (
    <section className="insights-block">
      <h3>{t('insights.skus.title')}</h3>
      {anyAfterSales ? null : <p className="muted">{t('insights.skus.noReturns')}</p>}
      <table className="insights-table" data-testid="insights-skus">
        <thead>
          <tr>
            <th>{t('insights.skus.sku')}</th>
            <th>{t('insights.skus.shipped')}</th>
            <th>{t('insights.skus.returns')}</th>
            <th>{t('insights.skus.damaged')}</th>
            <th>{t('insights.skus.reasons')}</th>
            <th>{t('insights.skus.weights')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s, i) => {
            const name = props.names.get(s.skuId) ?? s.skuId;
            return (
              <tr key={s.skuId}>
                <th scope="row">{name}</th>
                <td className="num">{s.unitsShipped}</td>
                <RateCell
                  r={s.returns}
                  label={`${name} · ${t('insights.skus.returns')}`}
                  path={['skus', i, 'returns']}
                  onDrill={props.onDrill}
                />
                <RateCell
                  r={s.damaged}
                  label={`${name} · ${t('insights.skus.damaged')}`}
                  path={['skus', i, 'damaged']}
                  onDrill={props.onDrill}
                />
                <td>
                  {Object.entries({ ...s.buyerReasons, ...s.grades })
                    .map(([k, v]) => `${k} ${v}`)
                    .join(', ') || '—'}
                </td>
                <RateCell
                  r={s.weightMismatches}
                  label={`${name} · ${t('insights.skus.weights')}`}
                  path={['skus', i, 'weightMismatches']}
                  onDrill={props.onDrill}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

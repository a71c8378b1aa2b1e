import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { DelayThresholds, ThresholdTable } from '#shared/logic/tracking/index';
import { useRepos } from '../../data/context';
import { getSessionState } from '../../stores/session-store';

const KEYS = ['noFirstScanHours', 'noMovementDays', 'promisedDays', 'expiredAfterDays'] as const;

const Form = z.object({
  carrier: z.string().trim().max(60),
  destination: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, 'a two-letter region code'),
  noFirstScanHours: z.coerce.number().int().min(1).max(720),
  noMovementDays: z.coerce.number().int().min(1).max(60),
  promisedDays: z.coerce.number().int().min(1).max(90),
  expiredAfterDays: z.coerce.number().int().min(2).max(180),
});

/**
 * Delay thresholds per carrier and destination: the default row and overrides (the most specific
 * matching one wins). Saved in the station settings, audited; the rules re-run at the next tick.
 */
export function ThresholdsPanel() {
  const { t } = useTranslation();
  const repos = useRepos();
  const [table, setTable] = useState<ThresholdTable | null>(null);
  const [form, setForm] = useState<Record<string, string>>({ carrier: '', destination: '' });
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void repos.tracking.thresholds().then((tb) => {
      setTable(tb);
      setForm((f) => ({
        ...f,
        ...Object.fromEntries(KEYS.map((k) => [k, String(tb.default[k])])),
      }));
    });
  }, [repos]);
  if (!table) return null;

  async function save() {
    const parsed = Form.safeParse(form);
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      return;
    }
    if (!table) return;
    const { carrier, destination, ...values } = parsed.data;
    const thresholds: DelayThresholds = values;
    const next: ThresholdTable =
      carrier === '' && destination === ''
        ? { ...table, default: thresholds }
        : {
            ...table,
            overrides: [
              ...table.overrides.filter(
                (o) =>
                  (o.carrier ?? '').toLowerCase() !== carrier.toLowerCase() ||
                  (o.destination ?? '') !== destination,
              ),
              {
                ...(carrier ? { carrier } : {}),
                ...(destination ? { destination } : {}),
                thresholds,
              },
            ],
          };
    const s = getSessionState();
    await repos.tracking.saveThresholds(next, {
      packer: s.operator?.name ?? 'station',
      station: s.stationId,
      now: Date.now(),
    });
    setTable(next);
    setError(null);
  }

  const rows = [
    { carrier: '*', destination: '*', thresholds: table.default },
    ...table.overrides.map((o) => ({
      carrier: o.carrier ?? '*',
      destination: o.destination ?? '*',
      thresholds: { ...table.default, ...o.thresholds },
    })),
  ];
  return (
    <section className="tracking-detail" data-testid="thresholds-panel">
      <h2>{t('tracking.thresholds.title')}</h2>
      <table className="tracking-table">
        <thead>
          <tr>
            <th>{t('tracking.col.carrier')}</th>
            <th>{t('tracking.thresholds.destination')}</th>
            {KEYS.map((k) => (
              <th key={k}>{t(`tracking.thresholds.${k}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.carrier}|${r.destination}`}>
              <td>{r.carrier}</td>
              <td>{r.destination}</td>
              {KEYS.map((k) => (
                <td key={k}>{r.thresholds[k]}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="tracking-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label>
          {t('tracking.col.carrier')}
          <input
            value={form.carrier ?? ''}
            placeholder="*"
            onChange={(e) => setForm({ ...form, carrier: e.target.value })}
          />
        </label>
        <label>
          {t('tracking.thresholds.destination')}
          <input
            value={form.destination ?? ''}
            placeholder="*"
            maxLength={2}
            onChange={(e) => setForm({ ...form, destination: e.target.value })}
          />
        </label>
        {KEYS.map((k) => (
          <label key={k}>
            {t(`tracking.thresholds.${k}`)}
            <input
              inputMode="numeric"
              value={form[k] ?? ''}
              onChange={(e) => setForm({ ...form, [k]: e.target.value })}
            />
          </label>
        ))}
        <button type="submit" className="big-button big-button--primary">
          {t('tracking.save')}
        </button>
      </form>
      {error ? (
        <p className="tracking-warning" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

import type { Rate } from '#shared/logic/insights/index';

/** A rate as a percentage with one decimal, "—" without a sample. */
export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`;
}

export function rateText(r: Pick<Rate, 'value' | 'numerator' | 'denominator'>): string {
  return r.denominator === 0 ? '—' : `${pct(r.value)} (${r.numerator}/${r.denominator})`;
}

export function minutes(ms: number | null): string {
  return ms === null ? '—' : (ms / 60_000).toFixed(1);
}

export function num(value: number | null, digits = 1): string {
  return value === null ? '—' : Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** A date for the date inputs and the report (UTC day, as the metrics bucket days). */
export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function money(minor: number, currency: string): string {
  return `${(minor / 100).toFixed(2)} ${currency}`;
}

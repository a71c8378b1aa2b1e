import { z } from 'zod';
import type { InsightQuery, ReviewKind } from '#shared/logic/insights/index';

/**
 * The review report's print route, `/print/report?kind=week&to=<ms>[&from=<ms>][&packer=…]`, as
 * labels have theirs: the desktop app and the browser print the page, tests render it to PDF.
 */
const Text = z.string().max(200).optional();
export const ReportRouteQuery = z.strictObject({
  kind: z.enum(['week', 'month', 'custom']),
  to: z.coerce.number().int().positive(),
  from: z.coerce.number().int().positive().optional(),
  packer: Text,
  carrier: Text,
  destination: Text,
  sku: Text,
});
export type ReportRouteQuery = z.infer<typeof ReportRouteQuery>;

export function isReportRoute(pathname: string): boolean {
  return pathname === '/print/report' || pathname === '/print/report/';
}

export function reportRoutePath(
  kind: ReviewKind,
  period: { from: number; to: number },
  filters: Omit<InsightQuery, 'from' | 'to'>,
): string {
  const q = new URLSearchParams({ kind, to: String(period.to) });
  if (kind === 'custom') q.set('from', String(period.from));
  if (filters.packer) q.set('packer', filters.packer);
  if (filters.carrier) q.set('carrier', filters.carrier);
  if (filters.destination) q.set('destination', filters.destination);
  if (filters.skuId) q.set('sku', filters.skuId);
  return `/print/report?${q.toString()}`;
}

export function parseReportRoute(search: string): ReportRouteQuery | null {
  const raw: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) raw[k] = v;
  const parsed = ReportRouteQuery.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

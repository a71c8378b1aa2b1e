import type {
  AppliedSuggestion,
  InsightQuery,
  Insights,
  ReviewKind,
  ReviewReport,
  Suggestion,
} from '#shared/logic/insights/index';

/** Messages between the Insights screen and its worker (renderer/src/workers/insights-worker.ts). */
export type InsightsRequest =
  | { type: 'open'; dbName: string }
  | { type: 'reload' }
  | { type: 'compute'; query: InsightQuery }
  | { type: 'ordersChanged'; orderIds: string[] }
  | { type: 'drill'; path: (string | number)[] }
  | { type: 'suggest'; to: number }
  | {
      type: 'report';
      period: { kind: ReviewKind; from: number; to: number };
      applied: AppliedSuggestion[];
      query: Omit<InsightQuery, 'from' | 'to'>;
    };

export interface InsightsResults {
  open: { rows: number; loadMs: number };
  reload: { rows: number; loadMs: number };
  compute: { insights: Insights; computeMs: number };
  ordersChanged: { updateMs: number };
  drill: { orderIds: string[] };
  suggest: { suggestions: Suggestion[] };
  report: { report: ReviewReport };
}

export type InsightsMessage = InsightsRequest & { id: number };

export type InsightsReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

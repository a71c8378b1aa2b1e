import { lazy } from 'react';

/** The Insights screen and the review report's print route, loaded on demand (charts are big). */
export const InsightsScreen = lazy(() =>
  import('./InsightsScreen').then((m) => ({ default: m.InsightsScreen })),
);
export const ReportPrintApp = lazy(() =>
  import('./ReportPrintApp').then((m) => ({ default: m.ReportPrintApp })),
);
export { isReportRoute } from './report-route';

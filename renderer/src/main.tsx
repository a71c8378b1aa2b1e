import '@fontsource/noto-sans/400.css';
import '@fontsource/noto-sans/700.css';
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import '@fontsource/noto-sans-arabic/400.css';
import '@fontsource/noto-sans-arabic/700.css';
import './app/app.css';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { PrintApp } from './app/PrintApp';
import { isReportRoute, ReportPrintApp } from './features/insights';
import { defaultLanguage, initI18n } from './lib/i18n';
import { getSessionState } from './stores/session-store';

async function start() {
  const language = getSessionState().language ?? defaultLanguage(navigator.languages);
  await initI18n(language);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  // Print routes (/print/label/<id>, …) render one printable document, not the station UI.
  const printing = window.location.pathname.startsWith('/print/');
  // The review report (/print/report) is a print route of the Insights feature.
  const page = isReportRoute(window.location.pathname) ? (
    <Suspense fallback={null}>
      <ReportPrintApp />
    </Suspense>
  ) : printing ? (
    <PrintApp />
  ) : (
    <App />
  );
  createRoot(root).render(<StrictMode>{page}</StrictMode>);
}

void start();

import { useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { ImportFailure, ImportReport } from '#shared/logic/seller-center/import';
import { MARKETS, type Market } from '#shared/logic/seller-center/values';
import { ProgressBar } from '../../app/ProgressBar';
import { useRepos } from '../../data/context';
import { useShippedCount } from '../../data/hooks/intake';
import type { ImportWriteCounts } from '../../data/repositories/intake-repository';
import { formatBytes } from '../../lib/format';
import { log } from '../../lib/logger';
import { buildBulkShipFile, downloadBlob, type BulkShipFormat } from './export-bulk-ship';
import { importSellerCenterFile } from './parse-file';
import { writeImportedOrders } from './write-orders';
import './import.css';

type Stage =
  | { kind: 'idle' }
  | { kind: 'parsing'; name: string; fraction: number; rows: number }
  | { kind: 'failed'; failure: ImportFailure }
  | { kind: 'report'; file: File; report: ImportReport }
  | { kind: 'writing'; report: ImportReport; done: number; total: number }
  | { kind: 'done'; report: ImportReport; counts: ImportWriteCounts };

function failureText(t: TFunction, f: ImportFailure): string {
  switch (f.code) {
    case 'missing-columns':
      return t('import.failures.missing-columns', { missing: f.missing.join(', ') });
    case 'duplicate-column':
      return t('import.failures.duplicate-column', { header: f.header });
    case 'invalid-options':
    case 'unreadable':
      return t(`import.failures.${f.code}`, { message: f.message });
    case 'file-too-large':
      return t('import.failures.file-too-large', {
        size: formatBytes(f.size),
        limit: formatBytes(f.limit),
      });
    case 'unzipped-too-large':
      return t('import.failures.unzipped-too-large', {
        limit: formatBytes(f.limit),
        entry: f.entry,
      });
    case 'too-many-rows':
      return t('import.failures.too-many-rows', { limit: f.limit });
    case 'row-too-long':
      return t('import.failures.row-too-long', { row: f.row, column: f.column, limit: f.limit });
    case 'undecodable':
      return t('import.failures.undecodable', {
        row: f.row,
        column: f.column,
        encoding: f.encoding,
      });
    default:
      return t(`import.failures.${f.code}`);
  }
}

/** The report without its grouped rows, so they can be garbage-collected after the write. */
function withoutOrders(report: ImportReport): ImportReport {
  return {
    orders: [],
    ordersToStore: 0,
    orderBatches: function* () {},
    imported: report.imported,
    rowCount: report.rowCount,
    orderCount: report.orderCount,
    lineCount: report.lineCount,
    errors: report.errors,
    errorCount: report.errorCount,
    skippedOrderIds: report.skippedOrderIds,
    ignoredColumns: report.ignoredColumns,
  };
}

/** F7: Seller Center order export in, bulk-ship file out. */
export function ImportScreen(props: { practice: boolean }) {
  const { t } = useTranslation();
  const repos = useRepos();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [market, setMarket] = useState<Market>('US');
  const [offsetHours, setOffsetHours] = useState(() => -new Date().getTimezoneOffset() / 60);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const busy = stage.kind === 'parsing' || stage.kind === 'writing';

  async function write(report: ImportReport) {
    setStage({ kind: 'writing', report, done: 0, total: report.ordersToStore });
    // Orders are built a chunk at a time as they are written (never all at once).
    const counts = await writeImportedOrders(repos.intake, report, {
      practice: props.practice,
      onProgress: (p) => setStage({ kind: 'writing', report, ...p }),
    });
    log.info('import: written', { ...counts });
    // The orders are in the database now; keep only the counts and the row report in memory.
    setStage({ kind: 'done', report: withoutOrders(report), counts });
  }

  async function run(file: File, mode: 'all-or-nothing' | 'valid-rows-only') {
    setStage({ kind: 'parsing', name: file.name, fraction: 0, rows: 0 });
    let lastPaint = 0;
    const result = await importSellerCenterFile(
      file,
      {
        market,
        utcOffsetMinutes: Math.round(offsetHours * 60),
        importedAt: Date.now(),
        mode,
        maxReportedErrors: 500,
      },
      (p) => {
        const now = performance.now();
        if (now - lastPaint < 50 && p.fraction !== 1) return;
        lastPaint = now;
        setStage({ kind: 'parsing', name: file.name, fraction: p.fraction ?? 0, rows: p.rows });
      },
    );
    if (!result.ok) {
      log.warn('import: file refused', { code: result.error.code });
      setStage({ kind: 'failed', failure: result.error });
      return;
    }
    const report = result.value;
    log.info('import: parsed', {
      rows: report.rowCount,
      orders: report.orderCount,
      errors: report.errorCount,
    });
    if (report.imported && report.ordersToStore > 0) {
      await write(report);
      return;
    }
    setStage({ kind: 'report', file, report });
  }

  function pick(files: FileList | null) {
    const file = files?.[0];
    if (file && !busy) void run(file, 'all-or-nothing');
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    pick(e.dataTransfer.files);
  };

  const report =
    stage.kind === 'report' || stage.kind === 'writing' || stage.kind === 'done'
      ? stage.report
      : null;

  return (
    <div className="import-screen" data-testid="import-screen">
      <h1>{t('import.title')}</h1>
      <section className="card">
        <p>{t('import.intro')}</p>
        <div className="import-options">
          <label>
            {t('import.market')}{' '}
            <select
              value={market}
              disabled={busy}
              onChange={(e) => setMarket(e.target.value as Market)}
            >
              {MARKETS.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('import.offset')}{' '}
            <input
              type="number"
              step={0.5}
              min={-12}
              max={14}
              value={offsetHours}
              disabled={busy}
              onChange={(e) => setOffsetHours(Number(e.target.value))}
            />
          </label>
        </div>
        <div
          className={`drop-zone${dragging ? ' drop-zone--over' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <p>{t('import.drop')}</p>
          <button
            type="button"
            className="big-button"
            disabled={busy}
            onClick={() => input.current?.click()}
          >
            {t('import.choose')}
          </button>
          <input
            ref={input}
            type="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="visually-hidden"
            data-testid="import-file"
            onChange={(e) => {
              pick(e.target.files);
              e.target.value = '';
            }}
          />
        </div>

        {stage.kind === 'parsing' ? (
          <div data-testid="parse-progress">
            <ProgressBar
              done={Math.round(stage.fraction * 1000)}
              total={1000}
              label={t('import.parsing', {
                name: stage.name,
                percent: Math.floor(stage.fraction * 100),
              })}
            />
            <p>{t('import.parsingRows', { rows: stage.rows })}</p>
          </div>
        ) : null}
        {stage.kind === 'failed' ? (
          <p className="error-text" data-testid="import-failure">
            {failureText(t, stage.failure)}
          </p>
        ) : null}
        {report ? <ReportView report={report} /> : null}
        {stage.kind === 'report' && !stage.report.imported ? (
          <div className="import-choice">
            <p className="warn-text" data-testid="nothing-imported">
              {t('import.nothingImported')}
            </p>
            <div className="button-row">
              <button
                type="button"
                className="big-button"
                data-testid="import-valid-only"
                onClick={() => void run(stage.file, 'valid-rows-only')}
              >
                {t('import.importValid')}
              </button>
              <button
                type="button"
                className="big-button"
                onClick={() => setStage({ kind: 'idle' })}
              >
                {t('import.chooseAnother')}
              </button>
            </div>
          </div>
        ) : null}
        {stage.kind === 'writing' ? (
          <div data-testid="write-progress">
            <ProgressBar
              done={stage.done}
              total={stage.total}
              label={t('import.writing', { done: stage.done, total: stage.total })}
            />
          </div>
        ) : null}
        {stage.kind === 'done' ? (
          <p
            className="ok-text import-done"
            data-testid="import-done"
            data-orders={stage.counts.orders}
            data-lines={stage.counts.lines}
          >
            {t('import.done', { ...stage.counts })}
          </p>
        ) : null}
      </section>
      <BulkShipExport />
    </div>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  return (
    <div className="import-report" data-testid="import-report">
      <h2>{t('import.reportTitle')}</h2>
      <dl className="import-counts">
        <dt>{t('import.rows')}</dt>
        <dd data-testid="count-rows">{report.rowCount}</dd>
        <dt>{t('import.orders')}</dt>
        <dd data-testid="count-orders">{report.orderCount}</dd>
        <dt>{t('import.lines')}</dt>
        <dd data-testid="count-lines">{report.lineCount}</dd>
      </dl>
      {report.skippedOrderIds.length > 0 ? (
        <p className="warn-text">{t('import.skipped', { count: report.skippedOrderIds.length })}</p>
      ) : null}
      {report.errorCount > 0 ? (
        <>
          <p className="error-text" data-testid="error-count">
            {t('import.errors', { count: report.errorCount })}
            {report.errors.length < report.errorCount
              ? ` (${t('import.errorsShown', { shown: report.errors.length })})`
              : ''}
          </p>
          <div className="import-errors">
            <table data-testid="import-errors">
              <thead>
                <tr>
                  <th>{t('import.columns.row')}</th>
                  <th>{t('import.columns.column')}</th>
                  <th>{t('import.columns.order')}</th>
                  <th>{t('import.columns.message')}</th>
                </tr>
              </thead>
              <tbody>
                {report.errors.map((e, i) => (
                  <tr key={`${e.row}-${e.column}-${i}`}>
                    <td>{e.row}</td>
                    <td>{e.column}</td>
                    <td className="mono">{e.orderId ?? ''}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
      {report.ignoredColumns.length > 0 ? (
        <p className="import-ignored">
          {t('import.ignoredColumns', { columns: report.ignoredColumns.join(', ') })}
        </p>
      ) : null}
    </div>
  );
}

function BulkShipExport() {
  const { t } = useTranslation();
  const repos = useRepos();
  const shipped = useShippedCount();
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const exportAs = async (format: BulkShipFormat) => {
    setBusy(true);
    const file = await buildBulkShipFile(repos.intake, format, new Date());
    downloadBlob(file.blob, file.name);
    setNote(
      t('import.exported', {
        name: file.name,
        rows: file.selection.rows.length,
        excluded: file.selection.excluded.length,
      }),
    );
    setBusy(false);
  };
  return (
    <section className="card" data-testid="bulk-ship">
      <h2>{t('import.exportTitle')}</h2>
      <p>{t('import.exportIntro')}</p>
      <p className="import-shipped" data-testid="shipped-count">
        {t('import.shippedCount', { count: shipped ?? 0 })}
      </p>
      <div className="button-row">
        <button
          type="button"
          className="big-button"
          disabled={busy || !shipped}
          onClick={() => void exportAs('csv')}
        >
          {t('import.downloadCsv')}
        </button>
        <button
          type="button"
          className="big-button"
          disabled={busy || !shipped}
          onClick={() => void exportAs('xlsx')}
        >
          {t('import.downloadXlsx')}
        </button>
      </div>
      {note ? <p data-testid="export-note">{note}</p> : null}
    </section>
  );
}

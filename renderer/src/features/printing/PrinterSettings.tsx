import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrinterSummary } from '#shared/logic/printing/print-job';
import type { HostStatus } from '#shared/logic/printing/host-status';
import { LABEL_SIZES } from '#shared/logic/label-layout/print-route';
import { useRepos } from '../../data/context';
import { useSettingValue } from '../../data/hooks/labels';
import { bridge } from '../../platform/bridge';
import { DEFAULT_SENDER, type DocumentData } from '../labels/documents';
import { LabelPreview } from '../labels/LabelPreview';
import { hostKind } from './runtime';
import {
  OUTPUTS,
  PRINTER_SETTINGS_KEY,
  readSettings,
  settingsProblem,
  type PrinterSettings,
} from './settings';
import './printing.css';

type StatusView =
  | { kind: 'ok'; status: HostStatus }
  | { kind: 'problem'; problems: string[]; status: HostStatus }
  | { kind: 'error'; code: string; message: string };

function problemsOf(s: HostStatus): string[] {
  const out: string[] = [];
  if (s.paperOut) out.push('paperOut');
  if (s.headUp) out.push('headOpen');
  if (s.paused) out.push('paused');
  if (s.ribbonOut) out.push('ribbonOut');
  return out;
}

function usePreviewData(): DocumentData | null {
  const repos = useRepos();
  const [data, setData] = useState<DocumentData | null>(null);
  useEffect(() => {
    let alive = true;
    void repos.orders.page({ kind: 'all' }, 0, 1).then((rows) => {
      const order = rows[0];
      if (alive && order) {
        setData({ order, sender: DEFAULT_SENDER, weightGrams: null, handling: {}, practice: true });
      }
    });
    return () => {
      alive = false;
    };
  }, [repos]);
  return data;
}

/** Settings › Label printer: output, stock size and dpi, printer choice, status check, preview. */
export function PrinterSettingsCard() {
  const { t } = useTranslation();
  const repos = useRepos();
  const host = hostKind();
  const stored = useSettingValue(PRINTER_SETTINGS_KEY);
  const [draft, setDraft] = useState<PrinterSettings | null>(null);
  const [printers, setPrinters] = useState<PrinterSummary[] | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [status, setStatus] = useState<StatusView | null>(null);
  const [checking, setChecking] = useState(false);
  const [saved, setSaved] = useState(false);
  const preview = usePreviewData();
  if (stored === undefined) return null;
  const s = draft ?? readSettings(stored.value, host);
  const change = (patch: Partial<PrinterSettings>) => {
    setSaved(false);
    setDraft({ ...s, ...patch });
  };
  const problem = settingsProblem(s, host);

  return (
    <section className="card printer-settings" data-testid="printer-settings">
      <h2>{t('printing.settings.title')}</h2>
      <div className="button-row" role="radiogroup" aria-label={t('printing.settings.output')}>
        {OUTPUTS.map((o) => (
          <button
            key={o}
            type="button"
            role="radio"
            aria-checked={s.output === o}
            className={`big-button${s.output === o ? ' big-button--active' : ''}`}
            onClick={() => change({ output: o })}
          >
            {t(`printing.settings.outputs.${o}`)}
          </button>
        ))}
      </div>
      <p className="printer-settings__explain">{t(`printing.settings.explain.${s.output}`)}</p>

      <div className="printer-settings__row">
        <span>{t('printing.settings.size')}</span>
        {LABEL_SIZES.map((size) => (
          <button
            key={size}
            type="button"
            aria-pressed={s.size === size}
            className={`big-button${s.size === size ? ' big-button--active' : ''}`}
            onClick={() => change({ size })}
          >
            {t(`printing.settings.sizes.${size}`)}
          </button>
        ))}
      </div>
      <div className="printer-settings__row">
        <span>{t('printing.settings.dpi')}</span>
        {([203, 300] as const).map((dpi) => (
          <button
            key={dpi}
            type="button"
            aria-pressed={s.dpi === dpi}
            className={`big-button${s.dpi === dpi ? ' big-button--active' : ''}`}
            onClick={() => change({ dpi })}
          >
            {dpi} dpi
          </button>
        ))}
      </div>

      {s.output === 'system' ? (
        <div className="modal-form">
          <button
            type="button"
            className="big-button"
            onClick={() => {
              setListError(null);
              void bridge()
                .printer.list({})
                .then((r) => {
                  if (r.ok) setPrinters(r.value);
                  else setListError(r.error.message);
                });
            }}
          >
            {t('printing.settings.findPrinters')}
          </button>
          {listError ? <p className="error-text">{listError}</p> : null}
          {printers ? (
            <label>
              {t('printing.settings.printer')}
              <select
                className="pack-input"
                value={s.deviceName}
                onChange={(e) => change({ deviceName: e.target.value })}
              >
                <option value="">{t('printing.settings.choose')}</option>
                {printers.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.displayName}
                    {p.isDefault ? ` (${t('printing.settings.default')})` : ''}
                  </option>
                ))}
              </select>
            </label>
          ) : s.deviceName ? (
            <p>
              {t('printing.settings.printer')}: <strong>{s.deviceName}</strong>
            </p>
          ) : null}
        </div>
      ) : null}

      {s.output === 'zpl' ? (
        <div className="modal-form">
          <label>
            {t('printing.settings.zplHost')}
            <input
              className="pack-input"
              value={s.zplHost}
              placeholder="192.168.1.50"
              onChange={(e) => change({ zplHost: e.target.value.trim() })}
            />
          </label>
          <label>
            {t('printing.settings.zplPort')}
            <input
              className="pack-input"
              type="number"
              min={1}
              max={65535}
              value={s.zplPort}
              onChange={(e) => change({ zplPort: Number(e.target.value) || 9100 })}
            />
          </label>
          <label>
            {t('printing.settings.zplFont')}
            <input
              className="pack-input"
              value={s.zplFont}
              placeholder="E:NOTOSANSSC.TTF"
              onChange={(e) => change({ zplFont: e.target.value.trim() })}
            />
          </label>
          <button
            type="button"
            className="big-button"
            disabled={checking || problem === 'bad-zpl-host'}
            data-testid="zpl-check"
            onClick={() => {
              setChecking(true);
              void bridge()
                .zpl.status({ host: s.zplHost, port: s.zplPort })
                .then((r) => {
                  setChecking(false);
                  if (!r.ok)
                    setStatus({ kind: 'error', code: r.error.code, message: r.error.message });
                  else {
                    const problems = problemsOf(r.value);
                    setStatus(
                      problems.length > 0
                        ? { kind: 'problem', problems, status: r.value }
                        : { kind: 'ok', status: r.value },
                    );
                  }
                });
            }}
          >
            {checking ? t('printing.settings.checking') : t('printing.settings.check')}
          </button>
          {status ? (
            <div
              className={`zpl-status zpl-status--${status.kind}`}
              data-testid="zpl-status"
              data-kind={status.kind}
              role="status"
            >
              {status.kind === 'ok' ? t('printing.settings.status.ready') : null}
              {status.kind === 'problem'
                ? status.problems.map((p) => (
                    <div key={p}>{t(`printing.settings.status.${p}`)}</div>
                  ))
                : null}
              {status.kind === 'error'
                ? t('printing.settings.status.error', {
                    code: status.code,
                    message: status.message,
                  })
                : null}
            </div>
          ) : null}
        </div>
      ) : null}

      {s.output === 'pdf' ? (
        <label className="printer-settings__check">
          <input
            type="checkbox"
            checked={s.openPrintDialog}
            onChange={(e) => change({ openPrintDialog: e.target.checked })}
          />
          {t('printing.settings.openDialog')}
        </label>
      ) : null}

      {problem ? <p className="warn-text">{t(`printing.problem.${problem}`)}</p> : null}
      <div className="button-row">
        <button
          type="button"
          className="big-button big-button--primary"
          disabled={draft === null}
          onClick={() => {
            void repos.labels.saveSetting(PRINTER_SETTINGS_KEY, s).then(() => {
              setDraft(null);
              setSaved(true);
            });
          }}
        >
          {t('printing.settings.save')}
        </button>
        {saved ? <span className="ok-text">{t('printing.settings.saved')}</span> : null}
      </div>

      <h3>{t('printing.settings.preview')}</h3>
      {preview ? (
        <LabelPreview data={preview} size={s.size} dpi={s.dpi} widthPx={320} />
      ) : (
        <p>{t('printing.settings.noPreview')}</p>
      )}
    </section>
  );
}

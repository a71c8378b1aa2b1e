import { useTranslation } from 'react-i18next';
import { normaliseScan } from '#shared/logic/scan/index';
import {
  useLastScan,
  useScannerActions,
  useScannerConfig,
  useScannerNotice,
} from '../../stores/scanner-store';
import { recommend } from './recommend';
import './scanner.css';

function visible(text: string): string {
  // Control characters (GS and friends) shown as their names, so nothing is hidden.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) =>
    c === '\u001d' ? '‹GS›' : `‹${c.charCodeAt(0).toString(16).padStart(2, '0')}›`,
  );
}

/** F8: shows exactly what the scanner sends — key, code and timing per character — and advice. */
export function ScannerTestScreen() {
  const { t } = useTranslation();
  const last = useLastScan();
  const notice = useScannerNotice();
  const config = useScannerConfig();
  const { configChanged, configReset } = useScannerActions();
  const norm = last
    ? normaliseScan({
        text: last.raw.text,
        codeText: last.raw.codeText,
        capsLock: last.raw.capsLock,
      })
    : null;
  const mismatch = norm?.ok ? norm.value.mismatch : null;
  const recs = last ? recommend(last.raw, mismatch, config) : [];
  const patch = Object.assign({}, ...recs.map((r) => r.patch ?? {})) as Partial<typeof config>;
  return (
    <div className="scanner-screen" data-testid="scanner-screen">
      <h1>{t('scanner.title')}</h1>
      <p className="pack-hint">{t('scanner.hint')}</p>
      {notice?.kind === 'fragment' ? (
        // Keys that made no whole scan (a burst cut short by late keys): shown, not dropped.
        <div className="scanner-notice" role="alert" data-kind="fragment">
          {t('scanner.notices.fragment', { text: visible(notice.text) })}
        </div>
      ) : null}
      {!last ? (
        <p className="scanner-waiting">{t('scanner.waiting')}</p>
      ) : (
        <div className="scanner-result" data-testid="scanner-result" data-seq={last.seq}>
          <section className="card">
            <h2>{t('scanner.text')}</h2>
            <p className="scanner-text mono" data-testid="scanner-text">
              {visible(last.text)}
            </p>
            <dl className="scanner-facts">
              <dt>{t('scanner.length', { n: [...last.text].length })}</dt>
              <dd data-testid="scanner-length">{[...last.text].length}</dd>
              <dt>{t('scanner.terminator')}</dt>
              <dd data-testid="scanner-terminator" data-terminator={last.raw.terminator}>
                {t(`scanner.terminators.${last.raw.terminator}`)}
              </dd>
              <dt>{t('scanner.kind')}</dt>
              <dd>{last.kind}</dd>
              <dt>{t('scanner.timing')}</dt>
              <dd data-testid="scanner-max-gap">{last.raw.maxGapMs.toFixed(1)} ms</dd>
              <dt>{t('scanner.lost')}</dt>
              <dd data-testid="scanner-lost">{last.raw.lostChars}</dd>
              <dt>{t('scanner.dropped')}</dt>
              <dd>{last.raw.droppedControls}</dd>
            </dl>
          </section>
          <section className="card">
            <h2>{t('scanner.recommend')}</h2>
            {recs.length === 0 ? (
              <p className="ok-text">{t('scanner.allGood')}</p>
            ) : (
              <ul className="scanner-recs">
                {recs.map((r) => (
                  <li key={r.code} data-code={r.code}>
                    {t(`scanner.rec.${r.code}`, r.params)}
                  </li>
                ))}
              </ul>
            )}
            {Object.keys(patch).length > 0 ? (
              <button type="button" className="big-button" onClick={() => configChanged(patch)}>
                {t('scanner.apply')}
              </button>
            ) : null}
          </section>
          <section className="card scanner-keys-card">
            <h2>{t('scanner.keys')}</h2>
            <table className="scanner-keys" data-testid="scanner-keys">
              <thead>
                <tr>
                  <th>#</th>
                  <th>{t('scanner.key')}</th>
                  <th>{t('scanner.code')}</th>
                  <th>{t('scanner.gap')}</th>
                  <th>{t('scanner.action')}</th>
                </tr>
              </thead>
              <tbody>
                {last.keys.map((k, i) => (
                  <tr key={i}>
                    <td>{i + 1}</td>
                    <td className="mono">{visible(k.key)}</td>
                    <td className="mono">{k.code}</td>
                    <td className="mono">{k.gapMs.toFixed(1)}</td>
                    <td>{k.action}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </div>
      )}
      <section className="card">
        <h2>{t('scanner.settings')}</h2>
        <div className="scanner-settings">
          <label>
            {t('scanner.maxGap')}
            <input
              type="number"
              className="pack-input"
              value={config.maxGapMs}
              min={5}
              max={200}
              onChange={(e) => configChanged({ maxGapMs: Number(e.target.value) })}
            />
          </label>
          <label>
            {t('scanner.minLength')}
            <input
              type="number"
              className="pack-input"
              value={config.minLength}
              min={2}
              max={20}
              onChange={(e) => configChanged({ minLength: Number(e.target.value) })}
            />
          </label>
          <label>
            {t('scanner.suffixWait')}
            <input
              type="number"
              className="pack-input"
              value={config.suffixWaitMs}
              min={20}
              max={500}
              onChange={(e) => configChanged({ suffixWaitMs: Number(e.target.value) })}
            />
          </label>
          <button type="button" className="big-button" onClick={configReset}>
            {t('scanner.reset')}
          </button>
        </div>
      </section>
    </div>
  );
}

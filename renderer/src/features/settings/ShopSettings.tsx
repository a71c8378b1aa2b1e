import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopConnectionTest, ShopStatusInfo } from '#shared/bridge/contract';
import { useIntakeState } from '../../data/hooks/intake';
import { formatDateTime } from '../../lib/format';
import { bridge } from '../../platform/bridge';
import { PullNowButton } from '../intake';
import { shopSettingsText } from './shop-i18n';
import './shop-settings.css';

const PROVISION_VARS = Object.keys(shopSettingsText.en.provisionVars);

type TestState =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'done'; test: ShopConnectionTest }
  | { kind: 'host-down'; message: string };

/** Settings › Shop: mode, shop, last error (never a secret), Test connection, provisioning help. */
export function ShopSettings() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState<ShopStatusInfo | null>(null);
  const [test, setTest] = useState<TestState>({ kind: 'idle' });
  const intake = useIntakeState();
  const time = (ms: number) => formatDateTime(ms, i18n.language);

  const refresh = useCallback(async () => {
    const r = await bridge().shop.status({});
    if (r.ok) setStatus(r.value);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const runTest = async () => {
    setTest({ kind: 'testing' });
    const r = await bridge().shop.testConnection({});
    setTest(
      r.ok ? { kind: 'done', test: r.value } : { kind: 'host-down', message: r.error.message },
    );
    await refresh();
  };

  return (
    <section className="card shop-settings" data-testid="shop-settings">
      <h2>{t('shopSettings.title')}</h2>
      <dl className="shop-facts">
        <dt>{t('shopSettings.mode')}</dt>
        <dd data-testid="shop-mode" data-mode={status?.mode ?? ''}>
          {status ? t(`shopSettings.modes.${status.mode}`) : '…'}
        </dd>
        <dt>{t('shopSettings.shopName')}</dt>
        <dd>{status?.shopName ?? t('shopSettings.unknownShop')}</dd>
        <dt>{t('shopSettings.host')}</dt>
        <dd className="mono">{status?.host ?? t('shopSettings.none')}</dd>
        <dt>{t('shopSettings.lastSuccess')}</dt>
        <dd>{status?.lastSuccessAt ? time(status.lastSuccessAt) : t('shopSettings.never')}</dd>
        <dt>{t('shopSettings.lastError')}</dt>
        <dd className={status?.lastError ? 'warn-text' : ''}>
          {status?.lastError
            ? `${status.lastError.reason}: ${status.lastError.message}`
            : t('shopSettings.none')}
        </dd>
      </dl>
      <div className="button-row">
        <button
          type="button"
          className="big-button"
          disabled={test.kind === 'testing'}
          onClick={() => void runTest()}
        >
          {test.kind === 'testing' ? t('shopSettings.testing') : t('shopSettings.test')}
        </button>
      </div>
      {test.kind === 'done' ? (
        <div
          className={`shop-test-result shop-test-result--${test.test.result === 'ok' ? 'ok' : 'bad'}`}
          data-testid="shop-test-result"
          data-result={test.test.result}
          role="status"
        >
          <strong>{t(`shopSettings.results.${test.test.result}`)}</strong>
          {test.test.message ? <span className="shop-test-detail">{test.test.message}</span> : null}
        </div>
      ) : null}
      {test.kind === 'host-down' ? (
        <div className="shop-test-result shop-test-result--bad" role="status">
          <strong>{t('shopSettings.hostUnreachable')}</strong>
          <span className="shop-test-detail">{test.message}</span>
        </div>
      ) : null}

      <h3>{t('shopSettings.sync')}</h3>
      <p>
        {t('shopSettings.lastSync')}:{' '}
        <strong data-testid="settings-last-sync">
          {intake?.lastSuccessAt ? time(intake.lastSuccessAt) : t('shopSettings.never')}
        </strong>
      </p>
      {intake?.lastError &&
      (intake.lastSuccessAt === null || intake.lastError.at > intake.lastSuccessAt) ? (
        <p className="warn-text">{intake.lastError.message}</p>
      ) : null}
      <PullNowButton />
      {intake && intake.problemCount > 0 ? (
        <>
          <p className="warn-text">
            {t('shopSettings.badOrders')}: {intake.problemCount}
          </p>
          <ul className="shop-problems">
            {intake.problems.slice(0, 10).map((p) => (
              <li key={`${p.at}-${p.orderId ?? ''}-${p.message}`}>
                <span className="mono">{p.orderId ?? '?'}</span> — {p.message}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {status?.mode !== 'connected' ? (
        <>
          <h3>{t('shopSettings.provisionTitle')}</h3>
          <p>{t('shopSettings.provisionText')}</p>
          <dl className="shop-vars">
            {PROVISION_VARS.map((v) => (
              <div key={v} className="shop-var">
                <dt className="mono">{v}</dt>
                <dd>{t(`shopSettings.provisionVars.${v}`)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
    </section>
  );
}

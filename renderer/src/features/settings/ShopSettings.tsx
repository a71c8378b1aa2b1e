import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShopConnectionTest, ShopStatusInfo } from '#shared/bridge/contract';
import { useIntakeState } from '../../data/hooks/intake';
import { formatDateTime } from '../../lib/format';
import { bridge } from '../../platform/bridge';
import { PullNowButton } from '../intake';
import { shopSettingsText } from './shop-i18n';
import './shop-settings.css';

const PROVISION_VARS = Object.keys(shopSettingsText.en.provisionVars);

type ConnectState =
  | { kind: 'idle' }
  | { kind: 'busy' }
  | { kind: 'connected' }
  | { kind: 'disconnected' }
  | { kind: 'failed'; code: string; message: string };

const CONNECT_ERRORS = new Set([
  'secure-storage-unavailable',
  'invalid-credentials',
  'storage-failed',
  'invalid-args',
  'host-unreachable',
  'unavailable-in-host',
]);

/** A form field's text, trimmed; '' when absent. */
function field(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === 'string' ? v.trim() : '';
}

/**
 * Settings › Connect a shop. The inputs are uncontrolled: secrets live only in the form's DOM
 * fields until Connect, go to the host in one call, and the form is reset right after. Nothing is
 * kept in React state, IndexedDB or localStorage; the host answers with a status, never a secret.
 */
function ConnectShopForm(props: { mode: ShopStatusInfo['mode'] | null; onChanged: () => void }) {
  const { t } = useTranslation();
  const [target, setTarget] = useState<'global' | 'custom'>('global');
  const [state, setState] = useState<ConnectState>({ kind: 'idle' });

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    // Cleared at once: from here on the values exist only in this call's arguments.
    form.reset();
    setTarget('global');
    setState({ kind: 'busy' });
    const refreshToken = field(data, 'refreshToken');
    const r = await bridge().shop.connect({
      ...(target === 'custom' ? { baseUrl: field(data, 'baseUrl') } : { region: 'global' }),
      appKey: field(data, 'appKey'),
      appSecret: field(data, 'appSecret'),
      accessToken: field(data, 'accessToken'),
      ...(refreshToken !== '' ? { refreshToken } : {}),
      shopCipher: field(data, 'shopCipher'),
    });
    setState(
      r.ok
        ? { kind: 'connected' }
        : { kind: 'failed', code: r.error.code, message: r.error.message },
    );
    props.onChanged();
    if (r.ok) reopenForShop();
  };

  const disconnect = async () => {
    setState({ kind: 'busy' });
    const r = await bridge().shop.disconnect({});
    setState(
      r.ok
        ? { kind: 'disconnected' }
        : { kind: 'failed', code: r.error.code, message: r.error.message },
    );
    props.onChanged();
    if (r.ok) reopenForShop();
  };

  const busy = state.kind === 'busy';
  return (
    <div className="shop-connect" data-testid="shop-connect">
      <h3>{t('shopSettings.connect.title')}</h3>
      <p>{t('shopSettings.connect.intro')}</p>
      <form className="shop-connect-form" autoComplete="off" onSubmit={(e) => void submit(e)}>
        <label>
          <span>{t('shopSettings.connect.region')}</span>
          <select
            name="region"
            value={target}
            disabled={busy}
            onChange={(e) => setTarget(e.target.value === 'custom' ? 'custom' : 'global')}
          >
            <option value="global">{t('shopSettings.connect.regionGlobal')}</option>
            <option value="custom">{t('shopSettings.connect.regionCustom')}</option>
          </select>
        </label>
        {target === 'custom' ? (
          <label>
            <span>{t('shopSettings.connect.baseUrl')}</span>
            <input
              name="baseUrl"
              type="url"
              required
              placeholder="https://"
              spellCheck={false}
              autoComplete="off"
              disabled={busy}
            />
          </label>
        ) : null}
        <label>
          <span>{t('shopSettings.connect.appKey')}</span>
          <input name="appKey" required spellCheck={false} autoComplete="off" disabled={busy} />
        </label>
        <label>
          <span>{t('shopSettings.connect.appSecret')}</span>
          <input
            name="appSecret"
            type="password"
            required
            autoComplete="new-password"
            disabled={busy}
          />
        </label>
        <label>
          <span>{t('shopSettings.connect.accessToken')}</span>
          <input
            name="accessToken"
            type="password"
            required
            autoComplete="new-password"
            disabled={busy}
          />
        </label>
        <label>
          <span>{t('shopSettings.connect.refreshToken')}</span>
          <input name="refreshToken" type="password" autoComplete="new-password" disabled={busy} />
        </label>
        <label>
          <span>{t('shopSettings.connect.shopCipher')}</span>
          <input name="shopCipher" required spellCheck={false} autoComplete="off" disabled={busy} />
        </label>
        <div className="button-row">
          <button type="submit" className="big-button" disabled={busy}>
            {busy ? t('shopSettings.connect.working') : t('shopSettings.connect.submit')}
          </button>
          <button
            type="button"
            className="big-button"
            disabled={busy || props.mode === 'practice'}
            onClick={() => void disconnect()}
          >
            {t('shopSettings.connect.disconnect')}
          </button>
        </div>
      </form>
      {state.kind === 'connected' || state.kind === 'disconnected' ? (
        <div
          className="shop-test-result shop-test-result--ok"
          role="status"
          data-testid="shop-connect-result"
        >
          <strong>{t(`shopSettings.connect.${state.kind}`)}</strong>
        </div>
      ) : null}
      {state.kind === 'failed' ? (
        <div
          className="shop-test-result shop-test-result--bad"
          role="alert"
          data-testid="shop-connect-error"
          data-code={state.code}
        >
          <strong>
            {t(
              `shopSettings.connect.errors.${CONNECT_ERRORS.has(state.code) ? state.code : 'other'}`,
            )}
          </strong>
          <span className="shop-test-detail">{state.message}</span>
        </div>
      ) : null}
    </div>
  );
}

type TestState =
  | { kind: 'idle' }
  | { kind: 'testing' }
  | { kind: 'done'; test: ShopConnectionTest }
  | { kind: 'host-down'; message: string };

/**
 * Settings › Shop: mode, shop, last error (never a secret), Test connection, Connect a shop /
 * Disconnect, provisioning help.
 */
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

      <ConnectShopForm mode={status?.mode ?? null} onChanged={() => void refresh()} />

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

/**
 * A connected shop and the practice shop keep their orders in different databases; after a
 * switch the station reopens (after the result has been on screen for a moment).
 */
function reopenForShop() {
  setTimeout(() => window.location.reload(), 1500);
}

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ProgressBar } from '../../app/ProgressBar';
import { useRepos } from '../../data/context';
import { useNow } from '../../lib/use-now';
import { bridge } from '../../platform/bridge';
import { ScannerNoticeLine } from '../scanner/ScannerNoticeLine';
import { registerScreenScanHandler } from '../scanner/screen-scan-handlers';
import { CodeField } from '../shipping';
import { CommandSheet } from './CommandSheet';
import { Countdown } from './Countdown';
import { useIntake, useReturn, useReturnsQueue } from './hooks';
import { IntakePanel } from './IntakePanel';
import { RequestPanel } from './RequestPanel';
import {
  scanned,
  useOpenIntakeId,
  useOpenReturnId,
  useReturnsActions,
  useReturnsMessage,
  useSelectedUnitId,
} from './returns-store';
import { pullReturns } from './sync';
import './returns.css';

const PULL_EVERY_MS = 60_000;

/**
 * Returns (F11): the after-sales queue with deadlines, a request's decisions, and intake at the
 * bench driven by the scanner — scan the parcel, then each item, a grade and a destination per
 * item, then "done" (or "done and refund"). Every scan on this screen comes here.
 */
export function ReturnsScreen(props: { practice: boolean }) {
  const { t } = useTranslation();
  const repos = useRepos();
  const now = useNow(15_000);
  const queue = useReturnsQueue();
  const returnId = useOpenReturnId();
  const intakeId = useOpenIntakeId();
  const ret = useReturn(returnId);
  const intake = useIntake(intakeId);
  const unitId = useSelectedUnitId();
  const message = useReturnsMessage();
  const { requestOpened, closed, messageShown } = useReturnsActions();
  const [code, setCode] = useState('');
  const [pull, setPull] = useState<{ done: number; total: number | null } | null>(null);

  useEffect(
    () => registerScreenScanHandler('returns', (text) => void scanned(repos, text)),
    [repos],
  );

  const pullNow = useCallback(async () => {
    setPull({ done: 0, total: null });
    const r = await pullReturns(bridge().shop, repos, {
      now: Date.now(),
      practice: props.practice,
      onPage: (done, total) => setPull({ done, total }),
    });
    setPull(null);
    if (!r.ok)
      messageShown({ tone: 'error', key: 'returns.pullFailed', params: { message: r.message } });
  }, [repos, props.practice, messageShown]);

  useEffect(() => {
    void pullNow();
    const timer = setInterval(() => void pullNow(), PULL_EVERY_MS);
    return () => clearInterval(timer);
  }, [pullNow]);

  function submit(e: FormEvent) {
    e.preventDefault();
    const text = code;
    setCode('');
    void scanned(repos, text);
  }

  const params = Object.fromEntries(
    Object.entries(message?.params ?? {}).map(([k, v]) => [
      k,
      typeof v === 'string' && v.startsWith('returns.') ? t(v) : v,
    ]),
  );

  return (
    <section className="returns-screen" data-testid="returns-screen">
      <header className="returns-header">
        <h1>{t('returns.title')}</h1>
        <button
          type="button"
          className="big-button"
          data-testid="returns-pull"
          disabled={pull !== null}
          onClick={() => void pullNow()}
        >
          {t('returns.pull')}
        </button>
        {intake || ret ? (
          <button type="button" className="big-button" onClick={closed} data-testid="returns-close">
            ✕
          </button>
        ) : null}
      </header>
      {pull ? (
        <ProgressBar
          done={pull.done}
          total={pull.total}
          label={t('returns.pulling')}
          compact
          testId="returns-pull-progress"
        />
      ) : null}
      <form onSubmit={submit}>
        <CodeField
          label={intake?.status === 'open' ? t('returns.scanUnitLabel') : t('returns.scanLabel')}
          value={code}
          onChange={setCode}
          testId="returns-scan"
          inputClassName="returns-input"
        />
      </form>
      <div
        className={`returns-message returns-message--${message?.tone ?? 'none'}`}
        role={message?.tone === 'error' ? 'alert' : 'status'}
        data-testid="returns-message"
        data-tone={message?.tone ?? ''}
      >
        {message ? t(message.key, params) : ''}
      </div>
      <ScannerNoticeLine />
      <div className="returns-body">
        <div className="returns-queue">
          <h2>{t('returns.queueTitle', { count: queue?.length ?? 0 })}</h2>
          {queue?.length === 0 ? <p className="muted">{t('returns.empty')}</p> : null}
          <table data-testid="returns-queue">
            <thead>
              <tr>
                <th>{t('returns.columns.deadline')}</th>
                <th>{t('returns.columns.type')}</th>
                <th>{t('returns.columns.reason')}</th>
                <th>{t('returns.columns.next')}</th>
                <th>{t('returns.columns.order')}</th>
              </tr>
            </thead>
            <tbody>
              {(queue ?? []).map((r) => (
                <tr
                  key={r.id}
                  data-testid="returns-row"
                  data-return-id={r.id}
                  className={r.id === returnId ? 'returns-row--open' : undefined}
                  onClick={() => requestOpened(r.id, r.orderId)}
                >
                  <td>
                    <Countdown action={r.nextAction} deadline={r.nextDeadline} now={now} />
                  </td>
                  <td>{t(`returns.type.${r.type}`)}</td>
                  <td dir="auto">{r.reasonText || r.reasonCode}</td>
                  <td>{t(`returns.action.${r.nextAction}`)}</td>
                  <td className="mono">{r.orderId}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="returns-detail">
          {intake ? (
            <IntakePanel intake={intake} ret={ret ?? null} selectedUnitId={unitId} />
          ) : null}
          {ret ? <RequestPanel ret={ret} now={now} /> : null}
          {intake?.status === 'open' ? <CommandSheet /> : null}
        </div>
      </div>
    </section>
  );
}

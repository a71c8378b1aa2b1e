import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { shipByCountdown } from '#shared/logic/confirm/index';
import { useNow } from '../../lib/use-now';
import {
  packingStore,
  usePackFeedback,
  usePackingActions,
  usePackOrder,
  usePackPhase,
  usePackRecheck,
} from '../../stores/packing-store';
import { useScannerArmed } from '../../stores/scanner-store';
import { useOperator, useSessionActions, useStationId } from '../../stores/session-store';
import { AlertsPanel } from './AlertsPanel';
import { Checklist } from './Checklist';
import { ConfirmPanel } from './ConfirmPanel';
import type { PackController } from './controller';
import { LabelStep } from '../printing/LabelStep';
import { ScannerNoticeLine } from '../scanner/ScannerNoticeLine';
import { PackDialogs } from './Dialogs';
import { FeedbackBanner } from './FeedbackBanner';
import { IdleView } from './IdleView';
import { OrderNotes } from './OrderNotes';
import { PackGuardPanel } from './PackGuard';
import { SignIn } from './SignIn';
import { reasonText } from './text';
import { usePackController } from './use-pack-controller';
import './packing.css';

function ArmedIndicator() {
  const { t } = useTranslation();
  const armed = useScannerArmed();
  return (
    <span
      className={`armed armed--${armed ? 'on' : 'off'}`}
      data-testid="scanner-armed"
      data-armed={armed}
    >
      {armed ? t('packing.armed') : t('packing.notArmed')}
    </span>
  );
}

function PackHeader(props: { controller: PackController }) {
  const { t } = useTranslation();
  const order = usePackOrder();
  const operator = useOperator();
  const station = useStationId();
  const { operatorSignedOut } = useSessionActions();
  const now = useNow(1000);
  const countdown = order ? shipByCountdown(order.shipBy, now) : null;
  return (
    <header className="pack-header">
      {order ? (
        <span className="pack-order-id mono" data-testid="pack-order-id" data-order-id={order.id}>
          {t('packing.order', { id: order.id })}
        </span>
      ) : null}
      {countdown && countdown.state !== 'none' ? (
        <span className={`pack-countdown pack-countdown--${countdown.state}`}>
          {t('packing.shipBy')}{' '}
          {countdown.state === 'overdue'
            ? t('packing.overdue', { time: countdown.label.replace('−', '') })
            : t('packing.left', { time: countdown.label })}
        </span>
      ) : null}
      <span className="pack-spacer" />
      <ArmedIndicator />
      {operator ? (
        <span className="pack-who" data-testid="pack-operator">
          {t('packing.packer')}: <strong>{operator.name}</strong> · {t('packing.station')}:{' '}
          {station}
          <button type="button" className="link-button" onClick={operatorSignedOut}>
            {t('packing.signOut')}
          </button>
        </span>
      ) : null}
      {order ? (
        <button type="button" className="big-button" onClick={() => void props.controller.close()}>
          {t('packing.close')}
        </button>
      ) : null}
    </header>
  );
}

function SealBanner() {
  const { t, i18n } = useTranslation();
  const phase = usePackPhase();
  const recheck = usePackRecheck();
  if (phase === 'stopped') {
    return (
      <div
        className="seal-banner seal-banner--stop"
        data-testid="seal-banner"
        data-state="stop"
        role="alert"
      >
        <div className="seal-title">{t('packing.seal.stopTitle')}</div>
        <div>{t('packing.seal.stopHint')}</div>
        <ul>
          {recheck.codes.map((c) => (
            <li key={c}>{reasonText(c, {}, i18n.language)}</li>
          ))}
        </ul>
      </div>
    );
  }
  if (phase !== 'sealing' && phase !== 'completed') return null;
  const offline =
    recheck.state === 'offline' ? (
      <div className="warn-text">{t('packing.seal.offline', { detail: recheck.detail ?? '' })}</div>
    ) : recheck.state === 'ok' ? (
      <div>{t('packing.seal.ok')}</div>
    ) : null;
  return (
    <div
      className={`seal-banner seal-banner--${phase === 'completed' ? 'done' : 'checking'}`}
      data-testid="seal-banner"
      data-state={phase === 'completed' ? 'completed' : recheck.state}
    >
      <div className="seal-title">
        {phase === 'completed' ? t('packing.seal.completed') : t('packing.seal.checking')}
      </div>
      {offline}
      {phase === 'completed' ? <div>{t('packing.seal.next')}</div> : null}
    </div>
  );
}

function PackView(props: { controller: PackController }) {
  const { t } = useTranslation();
  const order = usePackOrder();
  const phase = usePackPhase();
  const { dialogOpened } = usePackingActions();
  const hasFeedback = usePackFeedback() !== null;
  const handling = useMemo(() => {
    const set = new Set<'fragile' | 'liquid' | 'battery'>();
    for (const l of packingStore.getState().pack?.lines ?? [])
      for (const h of l.handling) set.add(h);
    return set;
  }, []);
  if (!order) return null;
  return (
    <div className="pack-body">
      <Checklist />
      <aside className="pack-side">
        <SealBanner />
        {phase === 'completed' ? <LabelStep order={order} /> : null}
        {hasFeedback || phase === 'packing' ? <FeedbackBanner /> : null}
        <AlertsPanel controller={props.controller} />
        <OrderNotes order={order} handling={handling} />
        {phase === 'packing' ? (
          <div className="button-row">
            <button
              type="button"
              className="big-button"
              onClick={() => dialogOpened({ kind: 'override', skuId: null })}
            >
              {t('packing.actions.override')}
            </button>
            <button
              type="button"
              className="big-button"
              onClick={() => dialogOpened({ kind: 'recount' })}
            >
              {t('packing.actions.recount')}
            </button>
          </div>
        ) : null}
      </aside>
    </div>
  );
}

export function PackScreen() {
  const { t } = useTranslation();
  const controller = usePackController();
  const operator = useOperator();
  const phase = usePackPhase();
  let body;
  if (!operator) body = <SignIn controller={controller} />;
  else if (phase === 'idle') body = <IdleView controller={controller} />;
  else if (phase === 'loading')
    body = <p className="pack-center pack-hint">{t('packing.loading')}</p>;
  else if (phase === 'confirm') body = <ConfirmPanel controller={controller} />;
  else body = <PackView controller={controller} />;
  return (
    <div className="pack-screen" data-testid="pack-screen" data-phase={phase}>
      <PackHeader controller={controller} />
      <ScannerNoticeLine />
      {operator ? <PackGuardPanel controller={controller} /> : null}
      {body}
      <PackDialogs controller={controller} />
    </div>
  );
}

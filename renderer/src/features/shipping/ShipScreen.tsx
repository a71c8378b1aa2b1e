import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '#shared/domain/order';
import { suggestShipping, type Reason, type ServiceOption } from '#shared/logic/shipping/index';
import { applyCarrierRules } from '#shared/logic/insights/carrier-rules';
import { useRepos } from '../../data/context';
import { useOrder } from '../../data/hooks';
import { useOutboxRowsForOrder } from '../../data/hooks/outbox';
import {
  useIsPacked,
  useOrderProducts,
  usePackedAwaitingShipment,
  useRateTable,
} from '../../data/hooks/shipping';
import { useCarrierRules } from '../../data/hooks/insights';
import { formatMoney } from '../../lib/format';
import { addAfterPackListener } from '../packing';
import { useOperator, useStationId } from '../../stores/session-store';
import { shipmentFacts } from './facts';
import { isQuotaError } from '../../data/storage-errors';
import { confirmShipment, type ShipChoice } from './ship-flow';
import { CodeField, TrackingEntry, type TrackingEntryTestIds } from './TrackingEntry';
import { useTrackingEntry } from './use-tracking-check';
import './shipping.css';

type Flash = { kind: 'ok' | 'error'; text: string } | null;

const SHIP_TEST_IDS: TrackingEntryTestIds = {
  carrier: 'ship-carrier',
  provider: 'ship-provider',
  input: 'ship-tracking',
  check: 'ship-tracking-check',
  used: 'ship-tracking-used',
};

/** The order whose pack just completed: the Ship screen opens on it (after-pack hook). */
let justPacked: string | null = null;
addAfterPackListener((done) => {
  justPacked = done.order.id;
});

function money(minor: number, currency: string, language: string): string {
  return formatMoney((minor / 100).toFixed(2), currency, language);
}

function ReasonList(props: { reasons: readonly Reason[]; currency: string }) {
  const { t, i18n } = useTranslation();
  if (props.reasons.length === 0) return null;
  return (
    <ul className="ship-reasons">
      {props.reasons.map((r, i) => (
        <li key={`${r.code}-${i}`} className={`ship-reason ship-reason--${r.code}`}>
          {t(`shipping.reason.${r.code}`, {
            ...r.params,
            price:
              typeof r.params.priceMinor === 'number'
                ? money(r.params.priceMinor, props.currency, i18n.language)
                : '',
            amount:
              typeof r.params.amountMinor === 'number'
                ? money(r.params.amountMinor, props.currency, i18n.language)
                : '',
          })}
        </li>
      ))}
    </ul>
  );
}

function useActor() {
  const operator = useOperator();
  const station = useStationId();
  return { packer: operator?.name ?? 'packer', station };
}

function SellerShipping(props: {
  order: OrderRow;
  suggestion: ServiceOption | null;
  alternatives: ServiceOption[];
  onConfirm: (choice: ShipChoice) => Promise<void>;
}) {
  const { t, i18n } = useTranslation();
  const { order } = props;
  const entry = useTrackingEntry({
    orderId: order.id,
    deliveryOptionId: order.deliveryOptionId,
    initialCarrier: props.suggestion?.carrier ?? 'usps',
  });
  const { carrier, provider } = entry;
  const [busy, setBusy] = useState(false);
  const canConfirm = entry.ready && !busy;

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!canConfirm || !provider) return;
    setBusy(true);
    await props.onConfirm({ kind: 'seller', carrier, provider, trackingNumber: entry.tracking });
    setBusy(false);
  }

  const options = [props.suggestion, ...props.alternatives].filter(
    (o): o is ServiceOption => o !== null,
  );
  return (
    <section className="ship-block" data-testid="ship-seller">
      <h3>{t('shipping.sellerTitle')}</h3>
      <form onSubmit={(e) => void submit(e)}>
        <TrackingEntry
          entry={entry}
          label={t('shipping.tracking')}
          testIds={SHIP_TEST_IDS}
          beside={
            <button
              type="submit"
              className="big-button big-button--active ship-confirm"
              data-testid="ship-confirm"
              disabled={!canConfirm}
            >
              {t('shipping.confirm')}
            </button>
          }
        />
      </form>
      {options.length === 0 ? <p className="warn-text">{t('shipping.noSuggestion')}</p> : null}
      <div className="ship-options" role="radiogroup" aria-label={t('shipping.chooseCarrier')}>
        {options.map((o, i) => (
          <button
            type="button"
            role="radio"
            aria-checked={carrier === o.carrier}
            key={o.serviceId}
            data-testid="ship-option"
            data-carrier={o.carrier}
            className={`ship-option${carrier === o.carrier ? ' ship-option--chosen' : ''}`}
            onClick={() => entry.setCarrier(o.carrier)}
          >
            <span className="ship-option-head">
              {i === 0 ? (
                <span className="ship-badge">{t('shipping.suggested')}</span>
              ) : (
                <span className="ship-badge ship-badge--alt">{t('shipping.alternatives')}</span>
              )}
              <strong>{o.name}</strong>
              <span>
                {t('shipping.price', {
                  price: money(o.priceMinor, o.currency, i18n.language),
                  min: o.transitDays[0],
                  max: o.transitDays[1],
                })}
              </span>
            </span>
            <ReasonList reasons={o.reasons} currency={o.currency} />
          </button>
        ))}
      </div>
    </section>
  );
}

function ShipPanel(props: { orderId: string; onDone: (flash: Flash) => void }) {
  const { t } = useTranslation();
  const repos = useRepos();
  const actor = useActor();
  const order = useOrder(props.orderId);
  const products = useOrderProducts(order);
  const table = useRateTable();
  const packed = useIsPacked(props.orderId);
  const rows = useOutboxRowsForOrder(props.orderId);
  const [error, setError] = useState<string | null>(null);

  const rules = useCarrierRules();
  const suggestion = useMemo(() => {
    if (!order || !products || !table || !rules) return null;
    const facts = shipmentFacts(order, products);
    // Carrier rules from applied Insights suggestions reorder the options (never widen them).
    return applyCarrierRules(suggestShipping(facts, table), rules, facts.destination);
  }, [order, products, table, rules]);

  if (order === undefined || rows === undefined) return <p className="muted">…</p>;
  if (order === null)
    return <p className="error-text">{t('shipping.notFound', { code: props.orderId })}</p>;

  const pendingShip = rows.find((r) => r.kind === 'ship-package' && r.state === 'pending');
  const stop = order.flags.includes('stop-ship') || order.status === 'CANCELLED';
  const shippable = order.status === 'AWAITING_SHIPMENT' || pendingShip !== undefined;
  const facts = products ? shipmentFacts(order, products) : null;

  async function confirm(choice: ShipChoice) {
    if (!order) return;
    try {
      const r = await confirmShipment(repos, order, choice, actor);
      if (!r.ok) {
        setError(
          t(`shipping.error.${r.error.code}`, {
            orders: r.error.code === 'tracking-used' ? r.error.orderIds.join(', ') : '',
          }),
        );
        return;
      }
      props.onDone({
        kind: 'ok',
        text:
          choice.kind === 'seller'
            ? t('shipping.savedNumber', {
                tracking:
                  r.value.row.kind === 'ship-package'
                    ? (r.value.row.payload.selfShipment?.trackingNumber ?? '')
                    : '',
              })
            : t('shipping.saved'),
      });
    } catch (cause) {
      // A database failure (quota, disk): shown, never swallowed; nothing half-written (I4).
      setError(
        isQuotaError(cause)
          ? t('shipping.error.diskFull')
          : t('shipping.error.failed', { message: String(cause) }),
      );
    }
  }

  return (
    <div className="ship-panel" data-testid="ship-panel" data-order-id={order.id}>
      <header className="ship-panel-head">
        <h2>{t('shipping.order', { id: order.id })}</h2>
        <div className="ship-recipient">
          <strong>{order.recipient.name}</strong> · {order.recipient.fullAddress}
        </div>
        <div className="muted">
          {t('shipping.items', { count: order.lines.length })}
          {facts ? ` · ${t('shipping.weight', { grams: facts.weightGrams })}` : ''}
          {' · '}
          {t(`status.${order.status}`)}
        </div>
      </header>
      {stop ? (
        <div className="ship-stop" role="alert" data-testid="ship-stop">
          {t('shipping.stop')}
        </div>
      ) : !shippable ? (
        <p className="warn-text">
          {t('shipping.notShippable', { status: t(`status.${order.status}`) })}
        </p>
      ) : !packed && order.status === 'AWAITING_SHIPMENT' ? (
        <div className="ship-block">
          <p className="warn-text">{t('shipping.notPacked')}</p>
          <button
            type="button"
            className="big-button"
            data-testid="ship-mark-packed"
            onClick={() => void repos.shipping.markPacked(order.id, { ...actor, now: Date.now() })}
          >
            {t('shipping.markPacked')}
          </button>
        </div>
      ) : (
        <>
          {pendingShip ? <p className="muted">{t('shipping.editBeforeSync')}</p> : null}
          {suggestion && suggestion.parcelReasons.length > 0 ? (
            <ReasonList reasons={suggestion.parcelReasons} currency="USD" />
          ) : null}
          {order.shippingType === 'TIKTOK' ? (
            <section className="ship-block" data-testid="ship-platform">
              <h3>{t('shipping.platformTitle')}</h3>
              <p className="muted">{t('shipping.platformHint')}</p>
              <div className="ship-options">
                {suggestion
                  ? [suggestion.suggestion, ...suggestion.alternatives].map((o, i) =>
                      o && o.type === 'platform' ? (
                        <div key={o.handoverMethod} className="ship-option">
                          <span className="ship-option-head">
                            {i === 0 ? (
                              <span className="ship-badge">{t('shipping.suggested')}</span>
                            ) : null}
                            <strong>{t(`shipping.method.${o.handoverMethod}`)}</strong>
                          </span>
                          <ReasonList reasons={o.reasons} currency="USD" />
                          <button
                            type="button"
                            className="big-button big-button--active"
                            data-testid={`ship-platform-${o.handoverMethod}`}
                            onClick={() =>
                              void confirm({ kind: 'platform', handoverMethod: o.handoverMethod })
                            }
                          >
                            {t('shipping.confirmPlatform', {
                              method: t(`shipping.method.${o.handoverMethod}`),
                            })}
                          </button>
                        </div>
                      ) : null,
                    )
                  : null}
              </div>
            </section>
          ) : suggestion ? (
            <SellerShipping
              key={order.id}
              order={order}
              suggestion={suggestion.suggestion?.type === 'seller' ? suggestion.suggestion : null}
              alternatives={suggestion.alternatives.filter(
                (o): o is ServiceOption => o.type === 'seller',
              )}
              onConfirm={confirm}
            />
          ) : null}
        </>
      )}
      {error ? (
        <p className="error-text" role="alert" data-testid="ship-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

export function ShipScreen() {
  const { t } = useTranslation();
  const repos = useRepos();
  const packed = usePackedAwaitingShipment();
  const [selected, setSelected] = useState<string | null>(() => justPacked);
  const [code, setCode] = useState('');
  const [flash, setFlash] = useState<Flash>(null);
  const scanRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    justPacked = null;
    scanRef.current?.focus();
  }, []);

  async function open(e: FormEvent) {
    e.preventDefault();
    const hit = await repos.orders.findByAnyId(code);
    if (!hit) {
      setFlash({ kind: 'error', text: t('shipping.notFound', { code }) });
      return;
    }
    setFlash(null);
    setSelected(hit.order.id);
    setCode('');
  }

  return (
    <section className="ship-screen" data-testid="ship-screen">
      <aside className="ship-list-pane">
        <form onSubmit={(e) => void open(e)} className="ship-scan">
          <CodeField
            label={t('shipping.scanLabel')}
            value={code}
            onChange={setCode}
            testId="ship-scan"
            inputRef={scanRef}
          />
        </form>
        {flash ? (
          <p
            className={flash.kind === 'ok' ? 'ok-text ship-flash' : 'error-text ship-flash'}
            data-testid="ship-flash"
            role="status"
          >
            {flash.text}
          </p>
        ) : null}
        <h2>{t('shipping.ready', { count: packed?.length ?? 0 })}</h2>
        {packed && packed.length === 0 ? <p className="muted">{t('shipping.readyEmpty')}</p> : null}
        <ul className="ship-list">
          {packed?.map((o) => (
            <li key={o.id}>
              <button
                type="button"
                className={`ship-list-row${selected === o.id ? ' ship-list-row--selected' : ''}`}
                data-testid="ship-ready-row"
                data-order-id={o.id}
                onClick={() => {
                  setFlash(null);
                  setSelected(o.id);
                }}
              >
                <span className="mono">{o.id}</span>
                <span>{o.recipient.name}</span>
                <span className="muted">
                  {o.shippingType === 'TIKTOK' ? 'TikTok' : t('shipping.sellerTitle')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </aside>
      <div className="ship-detail-pane">
        {selected ? (
          <ShipPanel
            key={selected}
            orderId={selected}
            onDone={(f) => {
              setFlash(f);
              // A scan may already have opened the next order while this one was saving.
              setSelected((current) => (current === selected ? null : current));
              scanRef.current?.focus();
            }}
          />
        ) : (
          <p className="muted ship-hint">{t('shipping.pickHint')}</p>
        )}
      </div>
    </section>
  );
}

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../app/Modal';
import type { OrderPackage, OrderRow } from '#shared/domain/order';
import { intentTracking, type OutboxRow } from '#shared/logic/outbox/index';
import { CARRIER_NAMES } from '#shared/logic/shipping/index';
import { useRepos } from '../../data/context';
import { useOutboxRowsForOrder } from '../../data/hooks/outbox';
import { formatDateTime } from '../../lib/format';
import { useOperator, useStationId } from '../../stores/session-store';
import {
  carrierOfProvider,
  confirmTrackingCorrection,
  correctablePackage,
  correctionHistory,
  syncStage,
} from './tracking-correction';
import { TrackingEntry, type TrackingEntryTestIds } from './TrackingEntry';
import { useTrackingEntry } from './use-tracking-check';
import './shipping.css';
import './correction.css';

/** Alt+T opens the correction on the order shown (Alt shortcuts pass the scanner listener). */
function isOpenShortcut(e: globalThis.KeyboardEvent): boolean {
  return e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyT';
}

/** The order's updates to the shop, newest first, with how far each got. */
function SyncRows(props: { rows: readonly OutboxRow[] }) {
  const { t } = useTranslation();
  const shown = [...props.rows]
    .sort((a, b) => b.seq - a.seq)
    .map((row) => ({ row, stage: syncStage(row) }))
    .filter((x) => x.stage !== null);
  if (shown.length === 0) return null;
  return (
    <ul className="correction-sync" data-testid="order-sync">
      {shown.map(({ row, stage }) => (
        <li
          key={row.id}
          className={`correction-sync-row correction-sync-row--${stage}`}
          data-testid="order-sync-row"
          data-kind={row.kind}
          data-state={row.state}
          data-stage={stage}
        >
          <strong>{t(`shipping.correct.kind.${row.kind}`)}</strong>{' '}
          <span className="mono">{intentTracking(row)?.trackingNumber ?? ''}</span>{' '}
          <span>{t(`shipping.correct.stage.${stage}`)}</span>
        </li>
      ))}
    </ul>
  );
}

const CORRECTION_TEST_IDS: TrackingEntryTestIds = {
  carrier: 'correct-tracking-carrier',
  provider: 'correct-tracking-provider',
  input: 'correct-tracking-input',
  check: 'correct-tracking-check',
  used: 'correct-tracking-used',
};

function CorrectionDialog(props: {
  order: OrderRow;
  pkg: OrderPackage;
  rows: readonly OutboxRow[];
  onClose: () => void;
  onDone: (text: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const repos = useRepos();
  const operator = useOperator();
  const station = useStationId();
  const { order, pkg } = props;
  const current = carrierOfProvider(pkg.shippingProviderName);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const entry = useTrackingEntry({
    orderId: order.id,
    deliveryOptionId: order.deliveryOptionId,
    initialCarrier: current ?? 'usps',
    replaces: pkg.trackingNumber,
    // Offline with no saved provider list: the package's own provider still serves its carrier.
    fallback:
      current && pkg.shippingProviderId !== ''
        ? {
            carrier: current,
            provider: { id: pkg.shippingProviderId, name: pkg.shippingProviderName },
          }
        : null,
  });
  const { carrier, provider, check } = entry;
  const history = correctionHistory(props.rows, Date.now());
  const canConfirm = operator !== null && entry.ready && !busy;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!canConfirm || !provider || !operator) return;
    setBusy(true);
    setError(null);
    try {
      const r = await confirmTrackingCorrection(
        repos,
        order,
        { carrier, provider, trackingNumber: entry.tracking },
        { packer: operator.name, station },
      );
      if (!r.ok) {
        setError(
          t(`shipping.correct.error.${r.error.code}`, {
            orders: r.error.code === 'tracking-used' ? r.error.orderIds.join(', ') : '',
          }),
        );
        return;
      }
      const merged = r.value.row.kind !== 'update-tracking';
      props.onDone(
        t(merged ? 'shipping.correct.savedMerged' : 'shipping.correct.saved', {
          tracking: check.ok ? check.normalised : '',
        }),
      );
    } catch (cause) {
      // A database failure (quota, disk): shown, never swallowed; nothing half-written.
      setError(t('shipping.correct.error.failed', { message: String(cause) }));
    } finally {
      setBusy(false);
    }
  }

  // keepKeys: function keys still switch screens; every other key stays in the dialog (the
  // queue's arrows and Enter must not move or open the order behind it).
  return (
    <Modal
      title={t('shipping.correct.title', { id: order.id })}
      onClose={props.onClose}
      testId="correct-tracking-dialog"
      keepKeys
      wide
    >
      <p>
        {t('shipping.correct.current')}:{' '}
        <strong className="mono" data-testid="correct-tracking-current">
          {pkg.trackingNumber}
        </strong>{' '}
        ({pkg.shippingProviderName || CARRIER_NAMES[carrier]})
      </p>
      {operator === null ? (
        <p className="error-text" role="alert" data-testid="correct-tracking-signin">
          {t('shipping.correct.signIn')}
        </p>
      ) : null}
      {history.alreadyCorrected ? (
        <p className="warn-text" data-testid="correct-tracking-once">
          {t('shipping.correct.onceOnly')}
        </p>
      ) : null}
      {history.pastWindow && history.shippedAt !== null ? (
        <p className="warn-text" data-testid="correct-tracking-window">
          {t('shipping.correct.pastWindow', {
            time: formatDateTime(history.shippedAt, i18n.language),
          })}
        </p>
      ) : null}
      {history.inFlight ? (
        <p className="muted">
          {t(
            history.inFlight.state === 'pending'
              ? 'shipping.correct.replacesPending'
              : 'shipping.correct.waitsBehind',
          )}
        </p>
      ) : null}
      <form className="correction-form" onSubmit={(e) => void submit(e)}>
        <TrackingEntry
          entry={entry}
          label={t('shipping.correct.newNumber')}
          testIds={CORRECTION_TEST_IDS}
        />
        {error ? (
          <p className="error-text" role="alert" data-testid="correct-tracking-error">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button
            type="submit"
            className="big-button big-button--active"
            data-testid="correct-tracking-confirm"
            disabled={!canConfirm}
          >
            {t('shipping.correct.confirm')}
          </button>
          <button type="button" className="big-button" onClick={props.onClose}>
            {t('shipping.correct.cancel')} <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </Modal>
  );
}

/**
 * On the order detail: the order's updates to the shop (waiting, sent, refused) and, for a shipped
 * seller-shipping order, "Correct tracking number" (Alt+T).
 */
export function TrackingCorrection(props: { order: OrderRow }) {
  const { t } = useTranslation();
  const rows = useOutboxRowsForOrder(props.order.id);
  const pkg = correctablePackage(props.order);
  const [open, setOpen] = useState(false);
  const [flash, setFlash] = useState<string | null>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const correctable = pkg !== null;

  useEffect(() => {
    if (!correctable) return;
    function onKey(e: globalThis.KeyboardEvent) {
      if (!isOpenShortcut(e)) return;
      e.preventDefault();
      setFlash(null);
      setOpen(true);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [correctable]);

  function close() {
    setOpen(false);
    openRef.current?.focus();
  }

  return (
    <div className="correction" data-testid="tracking-correction">
      {rows ? <SyncRows rows={rows} /> : null}
      {pkg ? (
        <button
          ref={openRef}
          type="button"
          className="big-button"
          data-testid="correct-tracking-open"
          onClick={() => {
            setFlash(null);
            setOpen(true);
          }}
        >
          {t('shipping.correct.action')} <kbd>Alt+T</kbd>
        </button>
      ) : null}
      {flash ? (
        <p className="ok-text" role="status" data-testid="correct-tracking-flash">
          {flash}
        </p>
      ) : null}
      {open && pkg && rows ? (
        <CorrectionDialog
          order={props.order}
          pkg={pkg}
          rows={rows}
          onClose={close}
          onDone={(text) => {
            setFlash(text);
            close();
          }}
        />
      ) : null}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../app/Modal';
import { packingStore, usePackDialog, usePackingActions } from '../../stores/packing-store';
import type { PackController } from './controller';
import { reasonText } from './text';

function ManualDialog(props: { controller: PackController; skuId: string }) {
  const { t, i18n } = useTranslation();
  const { dialogClosed } = usePackingActions();
  const line = packingStore((s) => s.pack?.lines.find((l) => l.skuId === props.skuId));
  const [qty, setQty] = useState(String(line?.expected ?? 0));
  const [error, setError] = useState<string | null>(null);
  if (!line) return null;
  return (
    <Modal title={t('packing.manual.title')} onClose={dialogClosed} testId="manual-dialog">
      <p className="pack-strong">
        <span className="mono">{line.sellerSku}</span> {line.productName}
      </p>
      <form
        className="modal-form"
        onSubmit={(e) => {
          e.preventDefault();
          const r = props.controller.manual(props.skuId, Number(qty));
          if (!r.ok) setError(reasonText(r.error.code, r.error.params, i18n.language));
        }}
      >
        <label>
          {t('packing.manual.label', { max: line.expected })}
          <input
            className="pack-input"
            type="number"
            min={0}
            max={line.expected}
            value={qty}
            autoFocus
            onChange={(e) => setQty(e.target.value)}
          />
        </label>
        {error ? <p className="error-text">{error}</p> : null}
        <div className="button-row">
          <button type="submit" className="big-button big-button--primary">
            {t('packing.manual.save')}
          </button>
          <button type="button" className="big-button" onClick={dialogClosed}>
            {t('packing.actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function OverrideDialog(props: { controller: PackController; skuId: string | null }) {
  const { t, i18n } = useTranslation();
  const { dialogClosed } = usePackingActions();
  const line = packingStore((s) =>
    props.skuId ? s.pack?.lines.find((l) => l.skuId === props.skuId) : undefined,
  );
  const [supervisor, setSupervisor] = useState('');
  const [pin, setPin] = useState('');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <Modal title={t('packing.override.title')} onClose={dialogClosed} testId="override-dialog">
      <p>
        {t('packing.override.scope', {
          what: line ? line.sellerSku : t('packing.override.scopeAll'),
        })}
      </p>
      <form
        className="modal-form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void props.controller
            .override(props.skuId, supervisor, pin, reason)
            .then((r) => {
              if (r.ok) return;
              const code = r.error;
              if (code === 'bad-pin') setError(t('packing.override.badPin'));
              else if (code === 'no-pin') setError(t('packing.override.noPin'));
              else if (code === 'no-packer') setError(t('packing.signIn.title'));
              else setError(reasonText(code, {}, i18n.language));
            })
            .finally(() => setBusy(false));
        }}
      >
        <label>
          {t('packing.override.supervisor')}
          <input
            className="pack-input"
            value={supervisor}
            autoFocus
            onChange={(e) => setSupervisor(e.target.value)}
          />
        </label>
        <label>
          {t('packing.override.pin')}
          <input
            className="pack-input"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={pin}
            onChange={(e) => setPin(e.target.value)}
          />
        </label>
        <label>
          {t('packing.override.reason')}
          <input
            className="pack-input"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className="big-button big-button--danger" disabled={busy}>
            {t('packing.override.submit')}
          </button>
          <button type="button" className="big-button" onClick={dialogClosed}>
            {t('packing.actions.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function RecountDialog(props: { controller: PackController }) {
  const { t } = useTranslation();
  const { dialogClosed } = usePackingActions();
  return (
    <Modal title={t('packing.actions.recount')} onClose={dialogClosed} testId="recount-dialog">
      <p>{t('packing.actions.recountConfirm')}</p>
      <div className="button-row">
        <button
          type="button"
          className="big-button big-button--danger"
          autoFocus
          onClick={() => props.controller.recount()}
        >
          {t('packing.actions.yes')}
        </button>
        <button type="button" className="big-button" onClick={dialogClosed}>
          {t('packing.actions.cancel')}
        </button>
      </div>
    </Modal>
  );
}

export function PackDialogs(props: { controller: PackController }) {
  const dialog = usePackDialog();
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'manual':
      return <ManualDialog controller={props.controller} skuId={dialog.skuId} />;
    case 'override':
      return <OverrideDialog controller={props.controller} skuId={dialog.skuId} />;
    case 'recount':
      return <RecountDialog controller={props.controller} />;
  }
}

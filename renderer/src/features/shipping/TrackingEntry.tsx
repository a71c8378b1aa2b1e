import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { CARRIER_NAMES, CARRIERS, type CarrierId } from '#shared/logic/shipping/index';
import type { TrackingEntry as Entry } from './use-tracking-check';
import './shipping.css';

/**
 * A labelled text field for codes (order ids, package ids, tracking numbers): large monospace,
 * no autocomplete or spell check, so a scanner's keystrokes land as they are.
 */
export function CodeField(props: {
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  /** The input's own class (size, width); `mono` is always added. */
  inputClassName?: string;
  disabled?: boolean;
}) {
  return (
    <label className="ship-field">
      {props.label}
      <input
        ref={props.inputRef}
        className={`${props.inputClassName ?? 'ship-input'} mono`}
        data-testid={props.testId}
        value={props.value}
        autoComplete="off"
        spellCheck={false}
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** The data-testids of one tracking entry (the ship screen and the correction dialog differ). */
export interface TrackingEntryTestIds {
  carrier: string;
  provider: string;
  input: string;
  check: string;
  used: string;
}

function ProviderLine(props: { entry: Entry; testId: string }) {
  const { t, i18n } = useTranslation();
  const { provider, providers, providersLoaded, carrier } = props.entry;
  return (
    <div className="ship-provider" data-testid={props.testId}>
      {t('shipping.provider')}:{' '}
      {provider ? (
        <strong>{provider.name}</strong>
      ) : providers ? (
        <span className="warn-text">
          {t('shipping.providerMissing', { carrier: CARRIER_NAMES[carrier] })}
        </span>
      ) : providersLoaded || !navigator.onLine ? (
        <span className="warn-text">{t('shipping.providersOffline')}</span>
      ) : (
        '…'
      )}
      {providers?.source === 'cache' ? (
        <div className="muted">
          {t('shipping.providersCached', {
            time: new Date(providers.fetchedAt).toLocaleString(i18n.language),
          })}
        </div>
      ) : null}
    </div>
  );
}

function CheckLine(props: { entry: Entry; testId: string; usedTestId: string }) {
  const { t } = useTranslation();
  const { tracking, check, same, usedBy, carrier } = props.entry;
  return (
    <div className="ship-check" data-testid={props.testId} aria-live="polite">
      {tracking === '' ? (
        <span className="muted">{t('shipping.trackingBad.empty')}</span>
      ) : !check.ok ? (
        <span className="error-text">
          {t(`shipping.trackingBad.${check.reason}`, { carrier: CARRIER_NAMES[carrier] })}
        </span>
      ) : same ? (
        <span className="error-text">{t('shipping.correct.same')}</span>
      ) : usedBy.length > 0 ? (
        <span className="error-text" data-testid={props.usedTestId}>
          {t('shipping.trackingUsed', { orders: usedBy.join(', ') })}
        </span>
      ) : check.warnings.length > 0 ? (
        <span className="warn-text">{t('shipping.trackingWarn')}</span>
      ) : (
        <span className="ok-text">
          ✓ {t('shipping.trackingOk', { format: check.format })} · {check.normalised}
        </span>
      )}
    </div>
  );
}

/**
 * Tracking-number entry for seller shipping, shared by the ship screen and the correction
 * dialog: carrier, the shop's provider for it, the number (scanned or typed) and its check line.
 * State lives in `useTrackingEntry`; the caller owns the form and what Enter does. `beside`
 * stands to the right of the number field (the ship screen's confirm button).
 */
export function TrackingEntry(props: {
  entry: Entry;
  label: string;
  testIds: TrackingEntryTestIds;
  beside?: ReactNode;
}) {
  const { t } = useTranslation();
  const { entry, testIds } = props;
  return (
    <>
      <div className="ship-carrier-row">
        <label className="ship-field">
          {t('shipping.chooseCarrier')}
          <select
            value={entry.carrier}
            data-testid={testIds.carrier}
            onChange={(e) => entry.setCarrier(e.target.value as CarrierId)}
          >
            {CARRIERS.filter((c) => c !== 'tiktok').map((c) => (
              <option key={c} value={c}>
                {CARRIER_NAMES[c]}
              </option>
            ))}
          </select>
        </label>
        <ProviderLine entry={entry} testId={testIds.provider} />
      </div>
      <div className="ship-tracking">
        <CodeField
          label={props.label}
          value={entry.tracking}
          onChange={entry.setTracking}
          testId={testIds.input}
          inputRef={entry.inputRef}
        />
        {props.beside}
        <CheckLine entry={entry} testId={testIds.check} usedTestId={testIds.used} />
      </div>
    </>
  );
}

import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  buyerLanguage,
  detectLanguage,
  MESSAGE_LANGUAGES,
  MESSAGE_SITUATIONS,
  renderMessage,
  situationFor,
  type MessageLanguage,
  type MessageSituation,
} from '#shared/logic/tracking/index';
import { useRepos } from '../../data/context';
import { useOrderById, useOrderMessages } from '../../data/hooks/tracking';
import type { ParcelRow } from '../../data/rows-tracking';
import { formatDateTime } from '../../lib/format';
import { cues } from '../../lib/sounds';
import { bridge } from '../../platform/bridge';
import { getSessionState, useSoundVolume } from '../../stores/session-store';
import { wakeOutboxSync } from '../outbox';

/**
 * Compose a message to the parcel's buyer: situation and language (the buyer's, where known),
 * a new estimate, a preview of exactly the text that goes out (React text: customer data is never
 * markup), then send through the shop (queued in the outbox, exactly once) or copy for the chat.
 */
/** Loads the order first: the buyer's own words (their order note) tell their language. */
export function MessageComposer(props: { parcel: ParcelRow; onDone: () => void }) {
  const order = useOrderById(props.parcel.orderId);
  if (order === undefined) return null;
  const language = buyerLanguage(props.parcel.destination, detectLanguage(order.buyerMessage));
  return <Composer {...props} initialLanguage={language} />;
}

function Composer(props: {
  parcel: ParcelRow;
  onDone: () => void;
  initialLanguage: MessageLanguage;
}) {
  const { t, i18n } = useTranslation();
  const repos = useRepos();
  const volume = useSoundVolume();
  const p = props.parcel;
  const firstFinding = p.findings[0];
  const [situation, setSituation] = useState<MessageSituation>(
    situationFor(firstFinding?.code ?? 'delay', p.exception ?? null),
  );
  const [language, setLanguage] = useState<MessageLanguage>(props.initialLanguage);
  const [estimate, setEstimate] = useState(() =>
    new Date(Date.now() + 3 * 86_400_000).toLocaleDateString(
      language === 'zh-CN' ? 'zh-CN' : 'en-GB',
      {
        day: 'numeric',
        month: 'short',
      },
    ),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const messages = useOrderMessages(p.orderId);
  const text = useMemo(
    () =>
      renderMessage(situation, language, {
        name: p.buyerName,
        orderId: p.orderId,
        trackingNumber: p.trackingNumber,
        carrier: p.carrier,
        newEstimate: estimate,
      }),
    [situation, language, estimate, p],
  );

  const actor = () => {
    const s = getSessionState();
    return { packer: s.operator?.name ?? 'station', station: s.stationId, now: Date.now() };
  };

  async function send() {
    await repos.tracking.queueMessage(
      { orderId: p.orderId, packageId: p.id, situation, language, text, channel: 'api' },
      actor(),
      { journal: (entries) => bridge().journal.append({ entries }) },
    );
    wakeOutboxSync();
    cues.play('success', volume);
    setNotice(t('tracking.message.queued'));
  }

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // The preview stays selectable; recording the copy is what matters.
    }
    await repos.tracking.queueMessage(
      { orderId: p.orderId, packageId: p.id, situation, language, text, channel: 'copied' },
      actor(),
    );
    cues.play('success', volume);
    setNotice(t('tracking.message.copied'));
  }

  const notGranted = messages?.some((m) => m.sendState === 'dead' && m.channel === 'api');

  return (
    <section className="tracking-composer" data-testid="message-composer">
      <h3>{t('tracking.message.title', { name: p.buyerName })}</h3>
      <div className="tracking-form-row">
        <label>
          {t('tracking.message.situation')}
          <select
            value={situation}
            data-testid="message-situation"
            onChange={(e) => setSituation(e.target.value as MessageSituation)}
          >
            {MESSAGE_SITUATIONS.map((s) => (
              <option key={s} value={s}>
                {t(`tracking.message.situations.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tracking.message.language')}
          <select
            value={language}
            data-testid="message-language"
            onChange={(e) => setLanguage(e.target.value as MessageLanguage)}
          >
            {MESSAGE_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t(`tracking.message.languages.${l}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('tracking.message.newEstimate')}
          <input
            value={estimate}
            maxLength={60}
            data-testid="message-estimate"
            onChange={(e) => setEstimate(e.target.value)}
          />
        </label>
      </div>
      <p className="tracking-preview-label">{t('tracking.message.preview')}</p>
      <p className="tracking-preview" dir="auto" lang={language} data-testid="message-preview">
        {text}
      </p>
      <div className="tracking-actions">
        <button
          type="button"
          className="big-button big-button--primary"
          data-testid="message-send"
          onClick={() => void send()}
        >
          {t('tracking.message.send')}
        </button>
        <button
          type="button"
          className="big-button"
          data-testid="message-copy"
          onClick={() => void copy()}
        >
          {t('tracking.message.copy')}
        </button>
        <button type="button" className="big-button" onClick={props.onDone}>
          {t('tracking.cancel')}
        </button>
      </div>
      {notice ? (
        <p className="tracking-notice" role="status" data-testid="message-notice">
          {notice}
        </p>
      ) : null}
      {notGranted ? <p className="tracking-warning">{t('tracking.message.notGranted')}</p> : null}
      {messages && messages.length > 0 ? (
        <>
          <h4>{t('tracking.message.log')}</h4>
          <ul className="tracking-message-log" data-testid="message-log">
            {messages.map((m) => (
              <li key={m.id} data-state={m.channel === 'copied' ? 'copied' : (m.sendState ?? '')}>
                <span className="tracking-when">{formatDateTime(m.createdAt, i18n.language)}</span>{' '}
                <strong>
                  {t(
                    `tracking.message.state.${m.channel === 'copied' ? 'copied' : (m.sendState ?? 'pending')}`,
                  )}
                </strong>{' '}
                · {m.createdBy} ·{' '}
                <span dir="auto" lang={m.language}>
                  {m.text}
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

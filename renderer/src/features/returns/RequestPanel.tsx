import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedDecisions } from '#shared/logic/returns/deadlines';
import { isReject, type ReturnDecision } from '#shared/logic/returns/types';
import type { ShopRejectReason } from '#shared/bridge/contract-returns';
import { Modal } from '../../app/Modal';
import { useRepos } from '../../data/context';
import type { ReturnRow } from '../../data/rows-returns';
import { formatDateTime, formatMoney } from '../../lib/format';
import { bridge } from '../../platform/bridge';
import { getSessionState } from '../../stores/session-store';
import { Countdown } from './Countdown';
import { useDecisionState, usePackEvidence } from './hooks';
import { useReturnsActions } from './returns-store';

function actor() {
  const s = getSessionState();
  return { packer: s.operator?.name ?? 'bench', station: s.stationId };
}

function RejectDialog(props: { ret: ReturnRow; decision: ReturnDecision; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const repos = useRepos();
  const { messageShown } = useReturnsActions();
  const [reasons, setReasons] = useState<ShopRejectReason[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const returnId = props.ret.id;
  const locale = i18n.language === 'zh-CN' ? 'zh-CN' : 'en-US';
  useEffect(() => {
    let alive = true;
    void bridge()
      .shop.getRejectReasons({ returnId, locale })
      .then((r) => {
        if (!alive) return;
        if (r.ok) {
          setReasons(r.value.reasons);
          setReason(r.value.reasons[0]?.name ?? '');
        } else setLoadError(r.error.message);
      });
    return () => {
      alive = false;
    };
  }, [returnId, locale]);
  async function send() {
    const r = await repos.returns.decide({
      returnId: props.ret.id,
      decision: props.decision,
      rejectReason: reason,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      actor: actor(),
      now: Date.now(),
      journal: (entries) => bridge().journal.append({ entries }),
    });
    messageShown(
      r.ok
        ? {
            tone: 'ok',
            key: 'returns.decide.queued',
            params: { decision: `returns.decision.${props.decision}` },
          }
        : { tone: 'error', key: 'returns.decide.failed', params: { message: r.error.message } },
    );
    props.onClose();
  }
  return (
    <Modal
      title={t('returns.decide.rejectTitle')}
      onClose={props.onClose}
      testId="returns-reject-dialog"
    >
      {loadError ? (
        <p className="warn-text">{t('returns.decide.noReasons', { message: loadError })}</p>
      ) : null}
      {reasons === null && !loadError ? <p>{t('returns.decide.loadingReasons')}</p> : null}
      {reasons ? (
        <label className="returns-field">
          {t('returns.decide.reason')}
          <select
            data-testid="returns-reject-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          >
            {reasons.map((r) => (
              <option key={r.name} value={r.name}>
                {r.text}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="returns-field">
        {t('returns.decide.comment')}
        <textarea
          data-testid="returns-reject-comment"
          value={comment}
          maxLength={500}
          onChange={(e) => setComment(e.target.value)}
        />
      </label>
      <div className="button-row">
        <button
          type="button"
          className="big-button big-button--primary"
          data-testid="returns-reject-send"
          disabled={!reason}
          onClick={() => void send()}
        >
          {t('returns.decide.send')}
        </button>
        <button type="button" className="big-button" onClick={props.onClose}>
          {t('returns.decide.cancel')}
        </button>
      </div>
    </Modal>
  );
}

/** One request: what the buyer asked, by when, what was packed and shipped, and the decisions. */
export function RequestPanel(props: { ret: ReturnRow; now: number }) {
  const { t, i18n } = useTranslation();
  const repos = useRepos();
  const { messageShown } = useReturnsActions();
  const { ret } = props;
  const evidence = usePackEvidence(ret.orderId);
  const pendingState = useDecisionState(ret.pendingDecision?.rowId ?? null);
  const [rejecting, setRejecting] = useState<ReturnDecision | null>(null);
  // While its outbox state loads, a recorded decision counts as queued: no second click.
  const queued =
    ret.pendingDecision !== null &&
    (pendingState === undefined ||
      pendingState === 'pending' ||
      pendingState === 'inflight' ||
      pendingState === 'verify');
  const decisions = queued ? [] : allowedDecisions(ret.type, ret.status);

  async function approve(decision: ReturnDecision) {
    const r = await repos.returns.decide({
      returnId: ret.id,
      decision,
      actor: actor(),
      now: Date.now(),
      journal: (entries) => bridge().journal.append({ entries }),
      ...(decision === 'APPROVE_REPLACEMENT'
        ? {
            replacement: {
              reason: `Replacement for return ${ret.id}: ${ret.reasonText || ret.reasonCode}`,
            },
          }
        : {}),
    });
    messageShown(
      r.ok
        ? {
            tone: 'ok',
            key: 'returns.decide.queued',
            params: { decision: `returns.decision.${decision}` },
          }
        : { tone: 'error', key: 'returns.decide.failed', params: { message: r.error.message } },
    );
  }

  return (
    <section className="returns-request" data-testid="returns-request" data-return-id={ret.id}>
      <h2>
        {t('returns.request.title', { id: ret.id })} ·{' '}
        <span data-testid="returns-request-type">{t(`returns.type.${ret.type}`)}</span>
      </h2>
      <dl className="returns-facts">
        <dt>{t('returns.columns.order')}</dt>
        <dd className="mono">{ret.orderId}</dd>
        <dt>{t('returns.request.reason')}</dt>
        <dd dir="auto">{ret.reasonText || ret.reasonCode}</dd>
        <dt>{t('returns.columns.status')}</dt>
        <dd className="mono" data-testid="returns-request-status">
          {ret.status}
        </dd>
        <dt>{t('returns.columns.next')}</dt>
        <dd>
          {t(`returns.action.${ret.nextAction}`)}{' '}
          <Countdown action={ret.nextAction} deadline={ret.nextDeadline} now={props.now} />
        </dd>
        <dt>{t('returns.request.refund')}</dt>
        <dd>
          {ret.currency
            ? formatMoney(ret.refundTotal, ret.currency, i18n.language)
            : ret.refundTotal}
        </dd>
        <dt>{t('returns.request.items')}</dt>
        <dd>
          <ul>
            {ret.lines.map((l) => (
              <li key={l.returnLineId} dir="auto">
                <span className="mono">{l.sellerSku}</span> {l.productName}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      {ret.pendingDecision && queued ? (
        <p className="warn-text" data-testid="returns-pending">
          {t('returns.request.pending', {
            decision: t(`returns.decision.${ret.pendingDecision.decision}`),
          })}
        </p>
      ) : null}
      {ret.replacementOrderId ? (
        <p className="ok-text" data-testid="returns-replacement">
          {t('returns.request.replacement', { id: ret.replacementOrderId })}
        </p>
      ) : null}
      {decisions.length > 0 ? (
        <div className="button-row">
          {decisions.map((d) =>
            isReject(d) ? (
              <button
                key={d}
                type="button"
                className="big-button"
                data-testid={`returns-decide-${d}`}
                onClick={() => setRejecting(d)}
              >
                {t(`returns.decision.${d}`)}…
              </button>
            ) : (
              <button
                key={d}
                type="button"
                className="big-button big-button--primary"
                data-testid={`returns-decide-${d}`}
                onClick={() => void approve(d)}
              >
                {t(`returns.decision.${d}`)}
              </button>
            ),
          )}
        </div>
      ) : null}
      <h3>{t('returns.request.evidence')}</h3>
      {evidence ? (
        <ul className="returns-evidence" data-testid="returns-evidence">
          <li>
            {evidence.packedBy
              ? t('returns.request.packedBy', {
                  packer: evidence.packedBy.packer,
                  station: evidence.packedBy.station,
                  time: formatDateTime(evidence.packedBy.at, i18n.language),
                })
              : t('returns.request.notPacked')}
          </li>
          <li>{t('returns.request.scans', { count: evidence.scanCount })}</li>
          <li>
            {evidence.label
              ? t('returns.request.label', {
                  tracking: evidence.label.trackingNumber,
                  time: formatDateTime(evidence.label.printedAt, i18n.language),
                })
              : t('returns.request.noLabel')}
          </li>
          <li>
            {evidence.weightGrams !== null
              ? t('returns.request.weight', { grams: evidence.weightGrams })
              : t('returns.request.weightUnknown')}
          </li>
        </ul>
      ) : null}
      {rejecting ? (
        <RejectDialog ret={ret} decision={rejecting} onClose={() => setRejecting(null)} />
      ) : null}
    </section>
  );
}

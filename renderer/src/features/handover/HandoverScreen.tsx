import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRepos } from '../../data/context';
import {
  useHandover,
  useHandoverCarriers,
  useHandoverExpected,
  usePackagesInfo,
} from '../../data/hooks/shipping';
import { useOperator, useStationId } from '../../stores/session-store';
import { CodeField } from '../shipping';
import { buildManifest, manifestCsv } from './manifest';
import './handover.css';

type Message = { kind: 'ok' | 'warn' | 'stop'; text: string } | null;

function download(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function HandoverScreen() {
  const { t, i18n } = useTranslation();
  const repos = useRepos();
  const operator = useOperator();
  const station = useStationId();
  const carriers = useHandoverCarriers();
  const [carrier, setCarrier] = useState<string | null>(null);
  const [handoverId, setHandoverId] = useState<string | null>(null);
  const handover = useHandover(handoverId);
  const expected = useHandoverExpected(carrier);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState<Message>(null);
  const scanRef = useRef<HTMLInputElement>(null);
  const actor = () => ({ packer: operator?.name ?? 'packer', station, now: Date.now() });

  useEffect(() => {
    if (!carrier) return;
    let alive = true;
    void repos.shipping.openHandover(carrier, actor()).then((h) => {
      if (alive) setHandoverId(h.id);
    });
    scanRef.current?.focus();
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- open once per carrier choice
  }, [repos, carrier]);

  const scanned = useMemo(() => handover?.scannedPackageIds ?? [], [handover]);
  const expectedIds = useMemo(() => new Set((expected ?? []).map((p) => p.packageId)), [expected]);
  const extraIds = useMemo(
    () => scanned.filter((id) => !expectedIds.has(id)),
    [scanned, expectedIds],
  );
  const info = usePackagesInfo(extraIds);
  const manifest = useMemo(
    () => buildManifest(carrier ?? '', expected ?? [], scanned, (id) => info?.get(id) ?? null),
    [carrier, expected, scanned, info],
  );

  async function scan(e: FormEvent) {
    e.preventDefault();
    const raw = code.trim();
    setCode('');
    if (!raw || !handover) return;
    const hit = await repos.orders.findByAnyId(raw);
    if (!hit) {
      setMessage({ kind: 'warn', text: t('handover.notFound', { code: raw }) });
      await repos.shipping.scanIntoHandover(handover.id, raw);
      return;
    }
    const order = hit.order;
    if (order.flags.includes('stop-ship') || order.status === 'CANCELLED') {
      setMessage({ kind: 'stop', text: t('handover.stop', { id: order.id }) });
      return;
    }
    const pkg =
      hit.matchedBy === 'package-id'
        ? order.packages.find((p) => p.id === raw)
        : hit.matchedBy === 'tracking-number'
          ? order.packages.find((p) => p.trackingNumber.toUpperCase() === raw.toUpperCase())
          : order.packages[0];
    const packageId = pkg?.id ?? order.packageIds[0] ?? order.id;
    const already = scanned.includes(packageId);
    await repos.shipping.scanIntoHandover(handover.id, packageId);
    setMessage(
      already
        ? { kind: 'warn', text: t('handover.again', { id: packageId }) }
        : {
            kind: expectedIds.has(packageId) ? 'ok' : 'warn',
            text: t('handover.added', { id: packageId }),
          },
    );
  }

  const stamp = new Date().toISOString();
  const complete =
    manifest.missing.length === 0 && manifest.extra.length === 0 && manifest.expected > 0;

  return (
    <section className="handover-screen" data-testid="handover-screen">
      <div className="handover-controls">
        <h1>{t('handover.title')}</h1>
        <div className="handover-carriers" role="group" aria-label={t('handover.chooseCarrier')}>
          {carriers?.length === 0 ? <p className="muted">{t('handover.noCarriers')}</p> : null}
          {carriers?.map((c) => (
            <button
              key={c}
              type="button"
              data-testid="handover-carrier"
              className={`big-button${carrier === c ? ' big-button--active' : ''}`}
              onClick={() => {
                setHandoverId(null);
                setMessage(null);
                setCarrier(c);
              }}
            >
              {c}
            </button>
          ))}
        </div>
        {carrier && handover ? (
          <>
            <form onSubmit={(e) => void scan(e)}>
              <CodeField
                label={t('handover.scanLabel')}
                value={code}
                onChange={setCode}
                testId="handover-scan"
                inputRef={scanRef}
                inputClassName="handover-input"
                disabled={handover.status !== 'open'}
              />
            </form>
            <div
              className={`handover-message${message?.kind === 'stop' ? ' handover-stop' : message?.kind === 'warn' ? ' warn-text' : ' ok-text'}`}
              role={message?.kind === 'stop' ? 'alert' : 'status'}
              data-testid="handover-message"
            >
              {message?.text ?? ''}
            </div>
            <div
              className={`handover-counts${complete ? ' handover-counts--complete' : ''}`}
              data-testid="handover-counts"
              data-expected={manifest.expected}
              data-scanned={manifest.scanned}
            >
              <span>
                {t('handover.expected')}: {manifest.expected}
              </span>
              <span>
                {t('handover.scanned')}: {manifest.scanned}
              </span>
            </div>
            {complete ? <p className="ok-text">{t('handover.allHere')}</p> : null}
            <div className="handover-lists">
              <div className="handover-missing" data-testid="handover-missing">
                <h2>{t('handover.missing', { count: manifest.missing.length })}</h2>
                <ul>
                  {manifest.missing.map((l) => (
                    <li key={l.packageId} className="mono">
                      {l.trackingNumber || l.packageId} · {l.orderId}
                    </li>
                  ))}
                </ul>
              </div>
              <div className="handover-extra" data-testid="handover-extra">
                <h2>{t('handover.extra', { count: manifest.extra.length })}</h2>
                <ul>
                  {manifest.extra.map((l) => (
                    <li key={l.packageId} className="mono">
                      {l.packageId} · {l.orderId || t('handover.unknown')}{' '}
                      {handover.status === 'open' ? (
                        <button
                          type="button"
                          className="big-button"
                          onClick={() =>
                            void repos.shipping.removeFromHandover(handover.id, l.packageId)
                          }
                        >
                          {t('handover.remove')}
                        </button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </div>
            </div>
            <div className="button-row">
              <button
                type="button"
                className="big-button"
                data-testid="handover-csv"
                onClick={() =>
                  download(
                    `handover-${carrier.replace(/[^\w-]+/g, '_')}-${stamp.slice(0, 19).replace(/[:T]/g, '')}.csv`,
                    manifestCsv(manifest, stamp),
                  )
                }
              >
                {t('handover.saveCsv')}
              </button>
              <button type="button" className="big-button" onClick={() => window.print()}>
                {t('handover.print')}
              </button>
              {handover.status === 'open' ? (
                <button
                  type="button"
                  className="big-button big-button--active"
                  data-testid="handover-close"
                  onClick={() =>
                    void repos.shipping.closeHandover(
                      handover.id,
                      (expected ?? []).map((p) => p.packageId),
                      actor(),
                    )
                  }
                >
                  {t('handover.close')}
                </button>
              ) : (
                <span className="ok-text">
                  {t('handover.closed', {
                    time: new Date(handover.closedAt ?? 0).toLocaleString(i18n.language),
                  })}
                </span>
              )}
            </div>
          </>
        ) : null}
      </div>
      {carrier && handover ? (
        <div className="manifest-print" data-testid="manifest-print">
          <h1>{t('handover.manifestTitle', { carrier })}</h1>
          <p>
            {t('handover.expected')}: {manifest.expected} · {t('handover.scanned')}:{' '}
            {manifest.scanned} · {new Date().toLocaleString(i18n.language)} · {station}
          </p>
          <table className="manifest-table">
            <thead>
              <tr>
                <th>#</th>
                <th>{t('handover.columns.package')}</th>
                <th>{t('handover.columns.order')}</th>
                <th>{t('handover.columns.tracking')}</th>
                <th>{t('handover.columns.status')}</th>
              </tr>
            </thead>
            <tbody>
              {manifest.lines.map((l, i) => (
                <tr key={l.packageId} className={`manifest-row--${l.status}`}>
                  <td>{i + 1}</td>
                  <td className="mono">{l.packageId}</td>
                  <td className="mono">{l.orderId}</td>
                  <td className="mono">{l.trackingNumber}</td>
                  <td>{t(`handover.status.${l.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>{t('handover.signature')}</p>
        </div>
      ) : null}
    </section>
  );
}

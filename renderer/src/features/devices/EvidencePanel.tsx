import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrderEvidence } from '../../data/hooks/devices';
import type { EvidenceRow } from '../../data/rows-devices';
import { formatDateTime } from '../../lib/format';
import './devices.css';

function useObjectUrl(row: EvidenceRow): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const u = URL.createObjectURL(new Blob([row.data], { type: row.mime }));
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [row]);
  return url;
}

function fileName(row: EvidenceRow): string {
  const when = new Date(row.at).toISOString().replace(/[:.]/g, '-');
  return `order-${row.orderId}-${row.kind}-${when}.${row.mime === 'image/jpeg' ? 'jpg' : 'bin'}`;
}

function EvidenceItem(props: { row: EvidenceRow }) {
  const { t, i18n } = useTranslation();
  const url = useObjectUrl(props.row);
  const r = props.row;
  return (
    <figure className="evidence-item" data-testid="evidence-photo" data-kind={r.kind}>
      {url ? <img src={url} alt={t(`devices.evidence.kinds.${r.kind}`)} /> : null}
      <figcaption>
        <strong>{t(`devices.evidence.kinds.${r.kind}`)}</strong> ·{' '}
        {formatDateTime(r.at, i18n.language, true)}
        <br />
        {t('devices.evidence.by', { who: r.packer, station: r.station })}
      </figcaption>
      {url ? (
        <a className="big-button" href={url} download={fileName(r)}>
          {t('devices.evidence.export')}
        </a>
      ) : null}
    </figure>
  );
}

/**
 * The photos of an order (open box at the last scan, sealed parcel), with who and when, each
 * downloadable for a dispute. Used by the order detail; the return intake may use it as well.
 */
export function EvidencePanel(props: { orderId: string }) {
  const { t } = useTranslation();
  const rows = useOrderEvidence(props.orderId);
  if (!rows) return null;
  return (
    <section data-testid="order-evidence">
      <h3>{t('devices.evidence.title')}</h3>
      {rows.length === 0 ? (
        <p className="muted">{t('devices.evidence.none')}</p>
      ) : (
        <div className="evidence-grid">
          {rows.map((r) => (
            <EvidenceItem key={r.id} row={r} />
          ))}
        </div>
      )}
    </section>
  );
}

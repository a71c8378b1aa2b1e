import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { usePackGuard } from '../../stores/packing-store';
import type { PackController } from './controller';
import './pack-guard.css';

/**
 * What stands between this window and packing the open order (issue 13 items 2–3): held by
 * another window, an unfinished pack to continue or start over, packed already, closed elsewhere,
 * a failed write (a full disk is named), or a database replaced by another window.
 */
export function PackGuardPanel(props: { controller: PackController }) {
  const { t, i18n } = useTranslation();
  const guard = usePackGuard();
  const [busy, setBusy] = useState(false);
  if (!guard) return null;
  const time = (ms: number) => formatDateTime(ms, i18n.language, true);
  const run = (op: () => Promise<unknown>) => {
    setBusy(true);
    void op().finally(() => setBusy(false));
  };
  if (guard.kind === 'resume') {
    return (
      <section
        className="pack-guard pack-guard--resume"
        data-testid="pack-guard"
        data-kind="resume"
        role="alert"
      >
        <h3>{t('packing.guard.resumeTitle')}</h3>
        <p>
          {t('packing.guard.resumeBody', {
            counted: guard.counted,
            expected: guard.expected,
            packer: guard.packer,
            scans: guard.scans,
            time: time(guard.lastActivityAt),
          })}
        </p>
        <div className="button-row">
          <button
            type="button"
            className="big-button big-button--primary"
            disabled={busy}
            autoFocus
            onClick={() => run(() => props.controller.resume())}
          >
            {t('packing.guard.resume')}
          </button>
          <button
            type="button"
            className="big-button"
            disabled={busy}
            onClick={() => run(() => props.controller.restart())}
          >
            {t('packing.guard.restart')}
          </button>
        </div>
      </section>
    );
  }
  let text: string;
  switch (guard.kind) {
    case 'held-elsewhere':
      text = t('packing.guard.heldElsewhere');
      break;
    case 'already-packed':
      text = t('packing.guard.alreadyPacked', {
        packer: guard.packer,
        station: guard.station,
        time: time(guard.at),
      });
      break;
    case 'session-closed':
      text = t('packing.guard.sessionClosed');
      break;
    case 'write-failed':
      text = guard.quota
        ? t('packing.guard.writeFailedQuota')
        : t('packing.guard.writeFailed', { message: guard.message });
      break;
    case 'db-replaced':
      text = t('packing.guard.dbReplaced');
      break;
  }
  return (
    <div
      className="pack-guard pack-guard--stop"
      data-testid="pack-guard"
      data-kind={guard.kind}
      role="alert"
    >
      {text}
    </div>
  );
}

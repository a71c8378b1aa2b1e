import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { summarise } from '#shared/logic/returns/intake';
import { analyseReturn } from '#shared/logic/returns/reasons';
import { expectedUnits } from '../../data/repositories/return-intake-repository';
import type { ReturnIntakeRow, ReturnRow } from '../../data/rows-returns';
import { formatDateTime } from '../../lib/format';

/** The parcel being inspected: what was expected, each unit scanned with its grade and fate. */
export function IntakePanel(props: {
  intake: ReturnIntakeRow;
  ret: ReturnRow | null;
  selectedUnitId: string | null;
}) {
  const { t, i18n } = useTranslation();
  const { intake, ret } = props;
  const expected = useMemo(() => expectedUnits(ret), [ret]);
  const summary = useMemo(() => summarise(expected, intake.units), [expected, intake.units]);
  const analysis = useMemo(
    () =>
      ret
        ? analyseReturn(
            ret.reasonCode || ret.reasonText,
            intake.units.flatMap((u) => (u.finding ? [u.finding] : [])),
          )
        : null,
    [ret, intake.units],
  );
  return (
    <section
      className="returns-intake"
      data-testid="returns-intake"
      data-intake-id={intake.id}
      data-status={intake.status}
    >
      <h2>{t('returns.intake.title', { code: intake.openedBy })}</h2>
      <div
        className="returns-counts"
        data-testid="returns-intake-counts"
        data-expected={summary.expected}
        data-matched={summary.matched}
        data-wrong={summary.wrong}
        data-extra={summary.extra}
      >
        <span>
          {t('returns.intake.expected')}: {summary.expected}
        </span>
        <span>
          {t('returns.intake.scanned')}: {intake.units.length}
        </span>
      </div>
      {summary.missing.length > 0 ? (
        <p className="warn-text" data-testid="returns-intake-missing">
          {t('returns.intake.missing', {
            items: summary.missing.map((m) => `${m.sellerSku} × ${m.count}`).join(', '),
          })}
        </p>
      ) : expected.length > 0 ? (
        <p className="ok-text">{t('returns.intake.allThere')}</p>
      ) : null}
      <table className="returns-units" data-testid="returns-units">
        <tbody>
          {intake.units.map((u) => (
            <tr
              key={u.id}
              data-testid="returns-unit"
              data-unit-id={u.id}
              data-match={u.match}
              data-grade={u.grade ?? ''}
              data-disposition={u.disposition ?? ''}
              data-restocked={u.restockedAt !== null ? 'true' : 'false'}
              className={`returns-unit returns-unit--${u.match}${
                u.id === props.selectedUnitId && intake.status === 'open'
                  ? ' returns-unit--selected'
                  : ''
              }`}
            >
              <td className="mono">{u.id}</td>
              <td className="mono">{u.code}</td>
              <td>{t(`returns.intake.unit.${u.match}`)}</td>
              <td>{u.grade ? t(`returns.grade.${u.grade}`) : '—'}</td>
              <td>{u.disposition ? t(`returns.disposition.${u.disposition}`) : '—'}</td>
              <td dir="auto">{u.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {analysis?.foundCategory ? (
        <p className="muted" data-testid="returns-analysis" data-agrees={String(analysis.agrees)}>
          {analysis.buyerCategory} → {analysis.foundCategory} ({analysis.liability})
        </p>
      ) : null}
      {intake.status === 'completed' && intake.completedAt !== null ? (
        <p className="ok-text" data-testid="returns-intake-closed">
          {t('returns.intake.closed', { time: formatDateTime(intake.completedAt, i18n.language) })}
        </p>
      ) : null}
    </section>
  );
}

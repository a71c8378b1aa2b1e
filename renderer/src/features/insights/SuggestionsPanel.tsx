import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppliedSuggestion, Suggestion } from '#shared/logic/insights/index';
import { useStationDb } from '../../data/context';
import { useAppliedSuggestions } from '../../data/hooks/insights';
import { createInsightsRepository } from '../../data/repositories/insights-repository';
import { formatDateTime } from '../../lib/format';
import { cues } from '../../lib/sounds';
import { getSessionState, useOperator, useStationId } from '../../stores/session-store';
import { suggestionText } from './suggestion-text';

type Flash = { kind: 'ok' | 'error'; text: string } | null;

/** Suggestions with their evidence; one button applies each, and an applied one can be reverted. */
export function SuggestionsPanel(props: {
  suggestions: Suggestion[] | null;
  skuName: (id: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const db = useStationDb();
  const operator = useOperator();
  const station = useStationId();
  const applied = useAppliedSuggestions();
  const [flash, setFlash] = useState<Flash>(null);
  const [busy, setBusy] = useState(false);
  const actor = () => ({ name: operator?.name ?? 'station', station, now: Date.now() });
  const open = (id: string) =>
    applied?.find((a) => a.suggestion.id === id && a.revertedAt === null);

  async function run(work: () => Promise<unknown>, ok: string) {
    setBusy(true);
    try {
      await work();
      cues.play('success', getSessionState().soundVolume);
      setFlash({ kind: 'ok', text: ok });
    } catch (cause) {
      cues.play('error', getSessionState().soundVolume);
      setFlash({
        kind: 'error',
        text: t('insights.suggestions.failed', { message: String(cause) }),
      });
    } finally {
      setBusy(false);
    }
  }

  const repo = createInsightsRepository(db);
  const revert = (a: AppliedSuggestion) =>
    run(
      () => repo.revertSuggestion(a.suggestion.id, actor()),
      t('insights.suggestions.revertedOk'),
    );

  return (
    <section className="insights-block" data-testid="insights-suggestions">
      <h3>{t('insights.suggestions.title')}</h3>
      {props.suggestions && props.suggestions.length === 0 ? (
        <p className="muted">{t('insights.suggestions.none')}</p>
      ) : null}
      <ul className="insights-suggestions">
        {(props.suggestions ?? []).map((s) => {
          const done = open(s.id);
          return (
            <li
              key={s.id}
              className="insights-suggestion"
              data-testid="insights-suggestion"
              data-rule={s.rule}
            >
              <p>{suggestionText(t, s, props.skuName)}</p>
              {done ? (
                <button
                  type="button"
                  className="big-button"
                  disabled={busy}
                  onClick={() => void revert(done)}
                >
                  {t('insights.suggestions.revert')}
                </button>
              ) : (
                <button
                  type="button"
                  className="big-button big-button--primary"
                  data-testid="insights-apply"
                  disabled={busy}
                  onClick={() =>
                    void run(
                      () => repo.applySuggestion(s, actor()),
                      t('insights.suggestions.appliedOk'),
                    )
                  }
                >
                  {t('insights.suggestions.apply')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {flash ? (
        <p
          className={flash.kind === 'ok' ? 'ok-text' : 'error-text'}
          role="status"
          data-testid="insights-flash"
        >
          {flash.text}
        </p>
      ) : null}
      {applied && applied.length > 0 ? (
        <>
          <h4>{t('insights.suggestions.history')}</h4>
          <ul className="insights-applied" data-testid="insights-applied">
            {applied.map((a) => (
              <li key={`${a.suggestion.id}-${a.appliedAt}`} data-reverted={a.revertedAt !== null}>
                <p>{suggestionText(t, a.suggestion, props.skuName)}</p>
                <p className="muted">
                  {t('insights.suggestions.applied', {
                    time: formatDateTime(a.appliedAt, i18n.language),
                    who: a.appliedBy,
                  })}
                  {a.revertedAt !== null
                    ? ` · ${t('insights.suggestions.reverted', {
                        time: formatDateTime(a.revertedAt, i18n.language),
                        who: a.revertedBy ?? '',
                      })}`
                    : ''}
                </p>
                {a.revertedAt === null ? (
                  <button
                    type="button"
                    className="big-button"
                    data-testid="insights-revert"
                    disabled={busy}
                    onClick={() => void revert(a)}
                  >
                    {t('insights.suggestions.revert')}
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

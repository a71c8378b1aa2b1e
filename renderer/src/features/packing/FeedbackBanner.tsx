import { useTranslation } from 'react-i18next';
import { usePackFeedback } from '../../stores/packing-store';
import { feedbackText } from './text';

/** The big result of the last scan or decision: colour, text and the cue that played. */
export function FeedbackBanner() {
  const { t, i18n } = useTranslation();
  const fb = usePackFeedback();
  if (!fb)
    return <div className="pack-feedback pack-feedback--empty" data-testid="pack-feedback" />;
  return (
    <div
      key={fb.seq}
      className={`pack-feedback pack-feedback--${fb.tone}`}
      data-testid="pack-feedback"
      data-tone={fb.tone}
      data-sound={fb.sound}
      data-event={fb.event}
      data-seq={fb.seq}
      role={fb.tone === 'error' ? 'alert' : 'status'}
    >
      <div className="pack-feedback-text">{feedbackText(fb.text, i18n.language, t)}</div>
      {fb.code ? <div className="pack-feedback-code mono">{fb.code}</div> : null}
    </div>
  );
}

/**
 * The app's progress bar. `total: null` is indeterminate (the amount of work is not known yet):
 * no value is announced. `compact`: a full-width bar inside a panel instead of a centred one.
 */
export function ProgressBar(props: {
  done: number;
  total: number | null;
  label: string;
  compact?: boolean;
  testId?: string;
}) {
  const total = props.total;
  const pct = total !== null && total > 0 ? Math.min(100, (props.done / total) * 100) : 0;
  return (
    <div
      className={props.compact ? 'progress progress--compact' : 'progress'}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      {...(total !== null ? { 'aria-valuemax': total, 'aria-valuenow': props.done } : {})}
      data-testid={props.testId}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-label">{props.label}</span>
    </div>
  );
}

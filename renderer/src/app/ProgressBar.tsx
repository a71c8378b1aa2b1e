export function ProgressBar(props: { done: number; total: number; label: string }) {
  const pct = props.total > 0 ? Math.min(100, (props.done / props.total) * 100) : 0;
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={props.total}
      aria-valuenow={props.done}
    >
      <div className="progress-fill" style={{ width: `${pct}%` }} />
      <span className="progress-label">{props.label}</span>
    </div>
  );
}

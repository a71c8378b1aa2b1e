import type { ReactNode } from 'react';

/**
 * The app's dialog: a backdrop, a box with the title, and Escape to close. `aria-modal` marks it
 * for the scanner listener, which never lets a scan reach the screen behind an open dialog.
 * `keepKeys`: every other key stays in the dialog too, except F-keys (screens), for dialogs over
 * a screen whose own keys (arrows, Enter) must not act behind them. `wide`: room for a form
 * with a table, scrolling when taller than the window.
 */
export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId: string;
  keepKeys?: boolean;
  wide?: boolean;
}) {
  return (
    <div className="modal-backdrop">
      <div
        className={props.wide ? 'modal modal--wide' : 'modal'}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        data-testid={props.testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            props.onClose();
            return;
          }
          if (props.keepKeys && !/^F\d+$/.test(e.key)) e.stopPropagation();
        }}
      >
        <h2>{props.title}</h2>
        {props.children}
      </div>
    </div>
  );
}

import { useRef, type ReactNode } from 'react';
import { useFitText } from './use-fit-text';

export interface FitBoxProps {
  className?: string;
  maxPt: number;
  minPt: number;
  /** Names the box for tests and the overflow check. */
  name: string;
  dir?: 'auto' | 'ltr' | 'rtl';
  children: ReactNode;
}

/**
 * A text box whose font shrinks until its content fits (see fitTextBox). Every text box of a
 * printed document is one, so "nothing is clipped" can be checked box by box.
 */
export function FitBox({ className, maxPt, minPt, name, dir, children }: FitBoxProps) {
  const ref = useRef<HTMLDivElement>(null);
  useFitText(ref, { maxPt, minPt });
  return (
    <div
      ref={ref}
      className={className ? `pb-text ${className}` : 'pb-text'}
      data-text-box={name}
      {...(dir ? { dir } : {})}
    >
      {children}
    </div>
  );
}

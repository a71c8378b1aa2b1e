import { useLayoutEffect, type RefObject } from 'react';
import { firstFitting, fitSteps } from '#shared/logic/label-layout/text';

export interface FitOptions {
  /** Largest font size in points. */
  maxPt: number;
  /** Smallest size still readable on a parcel, in points. */
  minPt: number;
  stepPt?: number;
}

/** Half a CSS pixel: sub-pixel rounding of scroll sizes is not overflow. */
const SLACK_PX = 0.5;

/** True when the box shows all of its content: nothing below or beside its client area. */
export function boxFits(el: HTMLElement): boolean {
  return (
    el.scrollHeight <= el.clientHeight + SLACK_PX && el.scrollWidth <= el.clientWidth + SLACK_PX
  );
}

/**
 * Shrinks the text in a fixed-size box until it fits, never clipping it: the largest size of the
 * steps at which scrollHeight/scrollWidth stay within the client box. When even `minPt` is too
 * big the box is marked `data-fits="false"` (the stylesheet then lets it overflow visibly, with a
 * dashed outline), so a packer sees the problem instead of a silently cut address.
 */
export function fitTextBox(el: HTMLElement, opts: FitOptions): boolean {
  const steps = fitSteps(opts.maxPt, opts.minPt, opts.stepPt ?? 0.5);
  el.dataset.fits = 'true';
  const size = firstFitting(steps, (pt) => {
    el.style.fontSize = `${pt}pt`;
    return boxFits(el);
  });
  if (size === null) {
    el.style.fontSize = `${opts.minPt}pt`;
    el.dataset.fits = 'false';
    return false;
  }
  el.style.fontSize = `${size}pt`;
  el.dataset.fitPt = String(size);
  return true;
}

/** Fits the box after every render: content, fonts and box size can all change the outcome. */
export function useFitText(ref: RefObject<HTMLElement | null>, opts: FitOptions) {
  const { maxPt, minPt, stepPt } = opts;
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    fitTextBox(el, { maxPt, minPt, ...(stepPt !== undefined ? { stepPt } : {}) });
  });
}

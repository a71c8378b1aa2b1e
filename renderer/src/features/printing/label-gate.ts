/**
 * A check another feature may put in front of the first label of an order (the scale's weight
 * check). It answers null to let the label print, or a hand-over that says why not. One gate at
 * a time; `setLabelGate` returns the function that removes it.
 */
import type { OrderRow } from '#shared/domain/order';
import type { HandOver, Who } from './label-service';

export type LabelGate = (
  order: OrderRow,
  who: Who,
  mode: 'after-pack' | 'print-first',
) => Promise<HandOver | null>;

let gate: LabelGate | null = null;

export function setLabelGate(next: LabelGate | null): () => void {
  gate = next;
  return () => {
    if (gate === next) gate = null;
  };
}

export function labelGate(): LabelGate | null {
  return gate;
}

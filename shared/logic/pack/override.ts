/**
 * Supervisor override ("force verify") and alert resolution. The caller checks the supervisor's
 * PIN or badge; these functions need the verified id, a reason and the time, and return the audit
 * record the caller writes in the same transaction as the pack state.
 */
import { err, ok, type Result } from '#shared/utils/result';
import type { PackAlert, PackError, PackLine, PackState } from './checklist';

export interface OverrideAudit {
  kind: 'pack.override';
  orderId: string;
  supervisorId: string;
  reason: string;
  at: number;
  /** The lines forced, with their counts before the override. */
  lines: Array<{ skuId: string; counted: number; expected: number }>;
  /** Open alerts the override cleared. */
  clearedAlerts: PackAlert[];
}

export interface OverrideStep {
  state: PackState;
  audit: OverrideAudit;
}

/**
 * Force-verifies one SKU (`skuId`), or — with `skuId` null — every open line and every open
 * alert of the order. Lines keep `overriddenBy`, so the order shows "force-verified".
 */
export function applyOverride(
  state: PackState,
  skuId: string | null,
  supervisorId: string,
  reason: string,
  at: number,
): Result<OverrideStep, PackError> {
  const who = supervisorId.trim();
  const why = reason.trim();
  if (who.length === 0) return err({ code: 'pack.supervisor-required', params: {} });
  if (why.length === 0) return err({ code: 'pack.reason-required', params: {} });
  let targets: number[];
  if (skuId === null) {
    targets = state.lines.flatMap((l, i) => (l.counted < l.expected ? [i] : []));
  } else {
    const i = state.lineOf.get(skuId);
    if (i === undefined) return err({ code: 'pack.sku-not-in-order', params: { skuId } });
    targets = [i];
  }
  const lines: PackLine[] = state.lines.slice();
  const audited: OverrideAudit['lines'] = [];
  let countedTotal = state.countedTotal;
  let remaining = state.remaining;
  for (const i of targets) {
    const line = lines[i];
    if (!line) continue;
    audited.push({ skuId: line.skuId, counted: line.counted, expected: line.expected });
    if (line.counted < line.expected) remaining -= 1;
    countedTotal += line.expected - line.counted;
    lines[i] = { ...line, counted: line.expected, overriddenBy: who };
  }
  const clearedAlerts =
    skuId === null ? [...state.alerts] : state.alerts.filter((a) => a.skuId === skuId);
  const alerts = skuId === null ? [] : state.alerts.filter((a) => a.skuId !== skuId);
  return ok({
    state: { ...state, lines, countedTotal, remaining, alerts, seq: state.seq + 1 },
    audit: {
      kind: 'pack.override',
      orderId: state.orderId,
      supervisorId: who,
      reason: why,
      at,
      lines: audited,
      clearedAlerts,
    },
  });
}

/**
 * The packer has taken the wrong or extra item out of the box: clears open alerts (one by its
 * `seq`, or all). Counts are untouched; the caller records who resolved what.
 */
export function resolveAlerts(
  state: PackState,
  seq?: number,
): { state: PackState; resolved: PackAlert[] } {
  const resolved =
    seq === undefined ? [...state.alerts] : state.alerts.filter((a) => a.seq === seq);
  if (resolved.length === 0) return { state, resolved };
  const alerts = seq === undefined ? [] : state.alerts.filter((a) => a.seq !== seq);
  return { state: { ...state, alerts, seq: state.seq + 1 }, resolved };
}

/** The ship-by deadline (rts_sla_time): a countdown, and the reasons it gives. */
import { warn, type Reason } from './reasons';

const MINUTE = 60_000;
/** Less than this left before ship-by: warn. */
export const SHIP_BY_SOON_MS = 2 * 60 * MINUTE;

export interface Countdown {
  /** `none`: no deadline known. `urgent`: less than two hours left. */
  state: 'none' | 'ok' | 'urgent' | 'overdue';
  /** Milliseconds left; negative when overdue. */
  msLeft: number;
  /** `H:MM:SS` left, or `−H:MM:SS` overdue; hours are not capped at 24. */
  label: string;
}

function hms(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

export function shipByCountdown(shipBy: number, now: number): Countdown {
  if (!Number.isFinite(shipBy) || shipBy <= 0) return { state: 'none', msLeft: 0, label: '' };
  const msLeft = shipBy - now;
  if (msLeft < 0) return { state: 'overdue', msLeft, label: `−${hms(msLeft)}` };
  return { state: msLeft < SHIP_BY_SOON_MS ? 'urgent' : 'ok', msLeft, label: hms(msLeft) };
}

/** Overdue is a loud warning (ship now, late is better than never); under two hours, a warning. */
export function checkShipBy(shipBy: number, now: number): Reason[] {
  const c = shipByCountdown(shipBy, now);
  if (c.state === 'overdue') {
    return [warn('shipby.overdue', { minutes: Math.ceil(-c.msLeft / MINUTE) }, true)];
  }
  if (c.state === 'urgent') {
    return [warn('shipby.soon', { minutes: Math.floor(c.msLeft / MINUTE) })];
  }
  return [];
}

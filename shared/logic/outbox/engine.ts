import type { Result } from '#shared/utils/result';
import { err, ok } from '#shared/utils/result';
import type { BackoffOptions, Random } from './backoff';
import { DEFAULT_BACKOFF } from './backoff';
import type { ReadBackResult, SendResult } from './classify';
import { decideFromUpstream, TRACKING_UPDATE_WINDOW_MS } from './classify';
import type { AuthBreaker, Hold, TokenBucket } from './gates';
import { AUTH_CLOSED, authBlocks, NO_HOLD, openAuthBreaker, takeToken } from './gates';
import type { NextStep, OutcomeContext } from './outcome';
import { afterDecision, afterFailure, conflictHint } from './outcome';
import type { OutboxClock, OutboxShop, OutboxStore } from './ports';
import type { OutboxRow, OutboxState } from './row';
import { slotOf } from './row';
import { selectDue, nextWakeAt } from './schedule';
import { isRequeueable } from './state-machine';

export interface OutboxEngineOptions {
  /** Sends plus failed read-backs before a row is dead. Default 8. */
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Requests per second to the shop (sends and read-backs). Default 10. */
  ratePerSecond: number;
  /** Token-bucket size. Default 1: no bursts, sub-second bursts trigger 429s (API §8). */
  burst: number;
  /** Rows worked on at once, always from different orders. Default 1. */
  concurrency: number;
  /** After an auth failure, wait this long before one probe request. Default 5 min. */
  authProbeMs: number;
  holdRecheckMs: number;
  holdDeadlineMs: number;
  trackingWindowMs: number;
  /**
   * A row due further ahead than this was stamped by a wall clock that has since gone back: it
   * is due now. Default: the longest delay the engine sets (backoff cap, hold re-check, the
   * 10-minute rate-limit ceiling), plus a minute.
   */
  scheduleHorizonMs?: number;
}

export const DEFAULT_ENGINE_OPTIONS: OutboxEngineOptions = {
  maxAttempts: 8,
  backoff: DEFAULT_BACKOFF,
  ratePerSecond: 10,
  burst: 1,
  concurrency: 1,
  authProbeMs: 5 * 60_000,
  holdRecheckMs: 10 * 60_000,
  holdDeadlineMs: 7 * 24 * 60 * 60_000,
  trackingWindowMs: TRACKING_UPDATE_WINDOW_MS,
};

export interface OutboxTransitionEvent {
  row: OutboxRow;
  from: OutboxState;
  reason: string;
}

export interface OutboxEngineDeps {
  store: OutboxStore;
  shop: OutboxShop;
  clock: OutboxClock;
  random: Random;
  options?: Partial<OutboxEngineOptions>;
  /** Called after every committed transition: audit trail, status bar, logs. */
  onTransition?: (event: OutboxTransitionEvent) => void;
}

export type Gate = 'auth' | 'offline' | 'rate-limit';

export type StepResult =
  | { kind: 'idle'; wakeAt: number | null }
  | { kind: 'blocked'; gate: Gate; until: number | null }
  | { kind: 'processed'; rowId: string; from: OutboxState; to: OutboxState }
  /** Another drainer moved the row first. */
  | { kind: 'skipped'; rowId: string };

export interface DrainResult {
  processed: number;
  /** Why the drain stopped: nothing due, a gate closed, or the row limit. */
  stop: StepResult['kind'] | 'limit';
  wakeAt: number | null;
}

export interface EngineGates {
  auth: AuthBreaker;
  offline: Hold;
  rateLimit: Hold;
}

/**
 * The sync worker: drives rows through the store and the shop. Holds only soft state (breakers,
 * holds, the token bucket); a crash loses it and `recover()` rebuilds everything from the store.
 */
export class OutboxEngine {
  private readonly store: OutboxStore;
  private readonly shop: OutboxShop;
  private readonly clock: OutboxClock;
  private readonly random: Random;
  private readonly opts: OutboxEngineOptions;
  private readonly onTransition: ((event: OutboxTransitionEvent) => void) | undefined;
  private auth: AuthBreaker = AUTH_CLOSED;
  private probing = false;
  private offline: Hold = NO_HOLD;
  private rateLimit: Hold = NO_HOLD;
  private bucket: TokenBucket;

  constructor(deps: OutboxEngineDeps) {
    this.store = deps.store;
    this.shop = deps.shop;
    this.clock = deps.clock;
    this.random = deps.random;
    this.opts = { ...DEFAULT_ENGINE_OPTIONS, ...deps.options };
    this.onTransition = deps.onTransition;
    this.bucket = { tokens: this.opts.burst, at: this.clock.now() };
  }

  gates(): EngineGates {
    return { auth: this.auth, offline: this.offline, rateLimit: this.rateLimit };
  }

  /** At startup: the process may have died mid-send, so every inflight row is read back first. */
  async recover(): Promise<number> {
    let moved = 0;
    for (const row of await this.store.listActive()) {
      if (row.state !== 'inflight') continue;
      const now = this.clock.now();
      const next = await this.store.transition(row.id, 'inflight', {
        state: 'verify',
        nextAttemptAt: now,
        updatedAt: now,
      });
      if (next) {
        moved += 1;
        this.emit(next, 'inflight', 'recovered after restart');
      }
    }
    return moved;
  }

  /** After a re-login: close the auth breaker and let the queue run. */
  resumeAuth(): void {
    this.auth = AUTH_CLOSED;
    this.probing = false;
  }

  /** A supervisor's retry of a dead or conflicted row. It is read back before anything is sent. */
  async requeue(id: string): Promise<Result<OutboxRow, 'not-found' | 'not-requeueable'>> {
    const row = await this.store.get(id);
    if (!row) return err('not-found');
    if (!isRequeueable(row.state)) return err('not-requeueable');
    const now = this.clock.now();
    const next = await this.store.transition(id, row.state, {
      state: 'verify',
      attempts: 0,
      nextAttemptAt: now,
      updatedAt: now,
    });
    if (!next) return err('not-requeueable');
    this.emit(next, row.state, 'requeued');
    return ok(next);
  }

  /** The gate closed right now, if any. Claims the half-open auth probe when it is due. */
  private blocked(now: number): StepResult | null {
    if (this.auth.state === 'open') {
      if (authBlocks(this.auth, now) || this.probing) {
        return { kind: 'blocked', gate: 'auth', until: this.auth.probeAt };
      }
      this.probing = true;
    }
    if (now < this.offline.until)
      return { kind: 'blocked', gate: 'offline', until: this.offline.until };
    if (now < this.rateLimit.until) {
      return { kind: 'blocked', gate: 'rate-limit', until: this.rateLimit.until };
    }
    return null;
  }

  /** Works on at most one due row. */
  async step(): Promise<StepResult> {
    const gate = this.blocked(this.clock.now());
    if (gate) return gate;
    const rows = await this.store.listActive();
    const now = this.clock.now();
    const [row] = selectDue(rows, now, 1, this.horizon());
    if (!row) {
      this.probing = false;
      return { kind: 'idle', wakeAt: nextWakeAt(rows, now, this.horizon()) };
    }
    return this.process(row);
  }

  /** Works until nothing is due now, a gate closes, or `maxRows` rows were processed. */
  async drain(maxRows = Infinity): Promise<DrainResult> {
    let processed = 0;
    for (;;) {
      const rows = await this.store.listActive();
      const now = this.clock.now();
      const due = selectDue(rows, now, Math.max(this.opts.concurrency * 8, 32), this.horizon());
      if (due.length === 0) {
        this.probing = false;
        return { processed, stop: 'idle', wakeAt: nextWakeAt(rows, now, this.horizon()) };
      }
      let stop: StepResult | null = null;
      const queue = [...due];
      const worker = async (): Promise<void> => {
        for (;;) {
          if (stop || processed >= maxRows) return;
          const row = queue.shift();
          if (!row) return;
          const gate = this.blocked(this.clock.now());
          if (gate) {
            stop = gate;
            return;
          }
          const result = await this.process(row);
          if (result.kind === 'processed') processed += 1;
        }
      };
      const workers = Array.from({ length: Math.max(1, this.opts.concurrency) }, () => worker());
      await Promise.all(workers);
      const stopped = stop as StepResult | null;
      if (stopped?.kind === 'blocked') {
        return { processed, stop: 'blocked', wakeAt: stopped.until };
      }
      if (processed >= maxRows) return { processed, stop: 'limit', wakeAt: this.clock.now() };
    }
  }

  private horizon(): number {
    return (
      this.opts.scheduleHorizonMs ??
      Math.max(this.opts.backoff.capMs, this.opts.holdRecheckMs, 10 * 60_000) + 60_000
    );
  }

  private ctx(): OutcomeContext {
    return {
      now: this.clock.now(),
      random: this.random,
      maxAttempts: this.opts.maxAttempts,
      backoff: this.opts.backoff,
      offline: this.offline,
      rateLimit: this.rateLimit,
      holdRecheckMs: this.opts.holdRecheckMs,
      holdDeadlineMs: this.opts.holdDeadlineMs,
    };
  }

  private async process(row: OutboxRow): Promise<StepResult> {
    try {
      return await this.processRow(row);
    } finally {
      // A probe ends with its row: success or a non-auth answer closed the breaker, an auth
      // failure reopened it with a later probe time.
      this.probing = false;
    }
  }

  private async processRow(row: OutboxRow): Promise<StepResult> {
    if (row.state === 'pending') {
      const now = this.clock.now();
      const claimed = await this.store.transition(row.id, 'pending', {
        state: 'inflight',
        attempts: row.attempts + 1,
        updatedAt: now,
      });
      if (!claimed) return { kind: 'skipped', rowId: row.id };
      this.emit(claimed, 'pending', 'claimed');
      return this.send(claimed, 'pending');
    }
    if (row.state === 'verify') return this.verify(row);
    return { kind: 'skipped', rowId: row.id };
  }

  private async verify(row: OutboxRow): Promise<StepResult> {
    const result = await this.callReadBack(row);
    if (result.type !== 'ok')
      return this.apply(row, 'verify', afterFailure(row, 'verify', result, this.ctx()));
    this.succeeded();
    const now = this.clock.now();
    const decision = decideFromUpstream(row, result.upstream, now, this.opts.trackingWindowMs);
    if (decision.decision === 'send') {
      const hint = conflictHint(row.lastError);
      if (hint) {
        // The shop named a conflict by code and the read-back cannot show why: trust the code.
        const next = afterDecision(
          row,
          { decision: 'conflict', state: hint, reason: row.lastError?.message ?? hint },
          result.upstream,
          this.ctx(),
        );
        return this.apply(row, 'verify', next);
      }
      const later = (await this.store.listActive()).find(
        (r) => r.state === 'pending' && r.seq > row.seq && slotOf(r) === slotOf(row),
      );
      if (later) {
        // Proven unsent, and a later edit of the same update waits: that one wins (I3).
        const next: NextStep = {
          patch: { state: 'superseded', supersededBy: later.id, updatedAt: now },
          effect: { gate: 'none' },
          reason: 'read back: not applied, superseded by a later edit',
        };
        return this.apply(row, 'verify', next);
      }
      const claimed = await this.store.transition(row.id, 'verify', {
        state: 'inflight',
        attempts: row.attempts + 1,
        updatedAt: now,
      });
      if (!claimed) return { kind: 'skipped', rowId: row.id };
      this.emit(claimed, 'verify', 'read back: not applied, sending');
      return this.send(claimed, 'verify');
    }
    return this.apply(row, 'verify', afterDecision(row, decision, result.upstream, this.ctx()));
  }

  private async send(row: OutboxRow, claimedFrom: OutboxState): Promise<StepResult> {
    const result = await this.callSend(row);
    if (result.type === 'ok') {
      this.succeeded();
      const now = this.clock.now();
      const next: NextStep = {
        patch: { state: 'done', updatedAt: now, nextAttemptAt: now },
        effect: { gate: 'none' },
        reason: 'sent',
      };
      return this.apply(row, 'inflight', next, claimedFrom);
    }
    return this.apply(
      row,
      'inflight',
      afterFailure(row, 'inflight', result, this.ctx()),
      claimedFrom,
    );
  }

  private async apply(
    row: OutboxRow,
    from: OutboxState,
    next: NextStep,
    reportFrom: OutboxState = from,
  ): Promise<StepResult> {
    const effect = next.effect;
    if (this.probing && effect.gate !== 'auth') this.resumeAuth(); // the probe got past auth
    if (effect.gate === 'auth') {
      this.auth = openAuthBreaker(this.clock.now(), this.opts.authProbeMs, effect.reason);
      this.probing = false;
    } else if (effect.gate === 'offline') {
      this.offline = effect.hold;
    } else if (effect.gate === 'rate-limit') {
      this.rateLimit = effect.hold;
    }
    const updated = await this.store.transition(row.id, from, next.patch);
    if (!updated) return { kind: 'skipped', rowId: row.id };
    this.emit(updated, from, next.reason);
    return { kind: 'processed', rowId: row.id, from: reportFrom, to: updated.state };
  }

  /** Any answer from the shop proves the host is reachable and the token works. */
  private succeeded(): void {
    this.auth = AUTH_CLOSED;
    this.probing = false;
    this.offline = NO_HOLD;
    this.rateLimit = { until: this.rateLimit.until, streak: 0 };
  }

  private async takeToken(): Promise<void> {
    const { bucket, waitMs } = takeToken(
      this.bucket,
      this.clock.now(),
      this.opts.ratePerSecond,
      this.opts.burst,
    );
    this.bucket = bucket;
    if (waitMs > 0) await this.clock.sleep(waitMs);
  }

  private async callSend(row: OutboxRow): Promise<SendResult> {
    await this.takeToken();
    try {
      return await this.shop.send(row);
    } catch (e) {
      return { type: 'network', sent: true, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private async callReadBack(row: OutboxRow): Promise<ReadBackResult> {
    await this.takeToken();
    try {
      return await this.shop.readBack(row);
    } catch (e) {
      return { type: 'network', sent: true, message: e instanceof Error ? e.message : String(e) };
    }
  }

  private emit(row: OutboxRow, from: OutboxState, reason: string): void {
    this.onTransition?.({ row, from, reason });
  }
}

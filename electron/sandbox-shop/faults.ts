import { z } from 'zod';

/**
 * Fault injection for the sandbox shop: per-request rules (matched by method and a path
 * substring, each firing a number of times) and a token-bucket rate limit.
 */
export const FaultKind = z.enum([
  'latency',
  'http-500',
  'http-503',
  'http-429',
  'timeout',
  'drop-after-write',
  'malformed-json',
  'label-not-ready',
]);
export type FaultKind = z.infer<typeof FaultKind>;

export const FaultRule = z.strictObject({
  kind: FaultKind,
  /** Matches when the request path contains this text; all paths when absent. */
  path: z.string().max(300).optional(),
  method: z.enum(['GET', 'POST', 'PUT', 'DELETE']).optional(),
  /** How many matching requests it affects; 0 means every one. Default 1. */
  times: z.number().int().min(0).default(1),
  retryAfterSeconds: z.number().int().min(0).max(3600).optional(),
  latencyMs: z.number().int().min(0).max(120_000).optional(),
});
export type FaultRule = z.infer<typeof FaultRule>;

export const FaultOptions = z.strictObject({
  /** Added to every API response. */
  latencyMs: z.number().int().min(0).max(120_000).default(0),
  /** Token bucket: requests per second (burst of the same size); 0 = unlimited. */
  rateLimitPerSecond: z.number().min(0).max(100_000).default(0),
  rules: z.array(FaultRule).max(100).default([]),
});
export type FaultOptions = z.infer<typeof FaultOptions>;
export type FaultOptionsInput = z.input<typeof FaultOptions>;

interface LiveRule {
  rule: FaultRule;
  remaining: number; // Infinity when times = 0
}

export function createFaults(initial: FaultOptionsInput, now: () => number) {
  let options = FaultOptions.parse(initial);
  let live: LiveRule[] = [];
  let tokens = 0;
  let last = now();

  function install(next: FaultOptions): void {
    options = next;
    live = next.rules.map((rule) => ({
      rule,
      remaining: rule.times === 0 ? Number.POSITIVE_INFINITY : rule.times,
    }));
    tokens = Math.max(1, next.rateLimitPerSecond);
    last = now();
  }
  install(options);

  return {
    get options(): FaultOptions {
      return {
        ...options,
        rules: live.filter((l) => l.remaining > 0).map((l) => l.rule),
      };
    },
    /** Replaces the whole configuration. */
    set(next: FaultOptionsInput): void {
      install(FaultOptions.parse(next));
    },
    /** Adds rules to the current configuration. */
    add(rules: readonly z.input<typeof FaultRule>[]): void {
      for (const r of rules) {
        const rule = FaultRule.parse(r);
        live.push({ rule, remaining: rule.times === 0 ? Number.POSITIVE_INFINITY : rule.times });
      }
    },
    /** Consumes and returns the first matching rule of one of the given kinds. */
    take(kinds: readonly FaultKind[], method: string, path: string): FaultRule | null {
      for (const l of live) {
        if (l.remaining <= 0 || !kinds.includes(l.rule.kind)) continue;
        if (l.rule.method && l.rule.method !== method) continue;
        if (l.rule.path !== undefined && !path.includes(l.rule.path)) continue;
        l.remaining -= 1;
        return l.rule;
      }
      return null;
    },
    /** True when the request may pass the rate limit; consumes one token. */
    admit(): boolean {
      const rate = options.rateLimitPerSecond;
      if (rate <= 0) return true;
      const t = now();
      tokens = Math.min(Math.max(1, rate), tokens + ((t - last) / 1000) * rate);
      last = t;
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    },
    /** Seconds until the next token, for Retry-After. */
    retryAfterSeconds(): number {
      const rate = options.rateLimitPerSecond;
      if (rate <= 0) return 0;
      return Math.max(1, Math.ceil((1 - tokens) / rate));
    },
  };
}
export type Faults = ReturnType<typeof createFaults>;

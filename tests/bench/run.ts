/**
 * `npm run bench [-- --orders N] [-- --out FILE] [-- --only station,label-step,intake,outbox,kill] [-- --kills N]`: runs the station in Debian's Chromium against
 * the web host and prints JSON of named metrics (also written to bench-results/).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureFoundation } from './foundation';
import { measureDevices } from './devices';
import { startStation, type Station } from './harness';
import { measureInsights } from './insights';
import { measureIntake } from './intake';
import { killBenchSandbox, measureKills } from './kill';
import { measureLabels } from './labels';
import { measureOutboxDrain, outboxBenchSandbox } from './outbox';
import { measurePacking } from './packing';
import { measurePrintStep } from './print';
import { measureReturns } from './returns';
import { measureTracking, trackingBenchSandbox } from './tracking';

const { values } = parseArgs({
  options: {
    orders: { type: 'string', default: '100000' },
    samples: { type: 'string', default: '2000' },
    out: { type: 'string' },
    updates: { type: 'string', default: '10000' },
    'rate-limit': { type: 'string', default: '20' },
    parcels: { type: 'string', default: '10000' },
    'rule-parcels': { type: 'string', default: '100000' },
    only: { type: 'string' },
    kills: { type: 'string', default: '500' },
    returns: { type: 'string', default: '10000' },
  },
});

/** Metric groups; `station` is foundation, packing and labels on one 100k-order station. */
const GROUPS = [
  'station',
  'label-step',
  'intake',
  'outbox',
  'kill',
  'insights',
  'tracking',
  'devices',
  'returns',
] as const;
const only = values.only === undefined ? [...GROUPS] : values.only.split(',').map((g) => g.trim());
for (const g of only) {
  if (!(GROUPS as readonly string[]).includes(g)) {
    throw new Error(`--only: unknown group "${g}" (groups: ${GROUPS.join(', ')})`);
  }
}
const skipped = { skipped: 'not selected by --only' } as const;

const orders = Number(values.orders);
const samples = Number(values.samples);
const updates = Number(values.updates);
const rateLimit = Number(values['rate-limit']);
if (!Number.isInteger(updates) || updates < 100) throw new Error('--updates must be ≥ 100');
if (!(rateLimit > 0)) throw new Error('--rate-limit must be > 0');
if (!Number.isInteger(orders) || orders < 1000) throw new Error('--orders must be ≥ 1000');
if (!Number.isInteger(samples) || samples < 10) throw new Error('--samples must be ≥ 10');

const log = (m: string) => process.stderr.write(`bench: ${m}\n`);

const targets = {
  lookup_by_id_p99_ms: 5,
  lookup_by_id_p99_ratio_to_raw: 1.5,
  queue_page_50_p99_ms: 15,
  renderer_heap_mb: 150,
  insights_longest_main_thread_task_ms: 50,
  scan_to_checklist_p99_ms: 16,
  lookup_by_scanned_id_p99_ms: 5,
  import_write_ratio_to_raw: 0.7,
  outbox_drain_ratio_to_limit: 0.9,
  tracking_refresh_ratio_to_limit: 0.9,
  return_lookup_by_tracking_p99_ms: 5,
};

/** A metric group that failed is reported as such; the other groups still print. */
async function group<T>(name: string, fn: () => Promise<T>): Promise<T | { error: string }> {
  try {
    return await fn();
  } catch (cause) {
    log(`${name} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
    return { error: cause instanceof Error ? cause.message : String(cause) };
  }
}

/** Runs `fn` on a fresh station and always closes it. */
async function withStation<T>(
  opts: Parameters<typeof startStation>[0],
  fn: (station: Station) => Promise<T>,
): Promise<T> {
  const station = await startStation(opts);
  try {
    return await fn(station);
  } finally {
    await station.close();
  }
}

async function main() {
  const station = only.includes('station')
    ? await withStation({}, async (st) => {
        const f = await measureFoundation(st, { orders, samples, log });
        log('packing…');
        const p = await measurePacking(st, { samples: 300, lookups: 2000, log });
        log('labels…');
        const l = await measureLabels(st, { labels: 20, batch: 100, log });
        return { foundation: f, packing: p, labels: l };
      })
    : null;
  // The label step signs a packer in and packs practice orders: a station of its own.
  const labelStep = only.includes('label-step')
    ? (log('label step…'),
      await group('label step', () =>
        withStation({}, (st) => measurePrintStep(st, { samples: 30, log })),
      ))
    : skipped;
  // Devices: the label step with a serial scale (pty) and a fake camera, against none.
  const devices = only.includes('devices')
    ? (log('devices…'),
      await group('devices', () =>
        withStation({}, (st) => measureDevices(st, { samples: Math.min(samples, 30), log })),
      ))
    : skipped;
  // Intake against a rate-limited practice shop, on a station of its own.
  const intake = only.includes('intake')
    ? (log('intake…'),
      await group('intake', () =>
        withStation({ sandbox: { orderCount: 5000, faults: { rateLimitPerSecond: 5 } } }, (st) =>
          measureIntake(st, { rateLimitPerSecond: 5, importRows: 100_000, log }),
        ),
      ))
    : skipped;
  // The outbox drain against the practice shop's rate limit, on a station of its own.
  const outbox = only.includes('outbox')
    ? (log(`outbox: ${updates} updates at ${rateLimit} requests/s…`),
      await group('outbox', () =>
        withStation(
          { sandbox: outboxBenchSandbox({ updates, rateLimitPerSecond: rateLimit }) },
          (st) => measureOutboxDrain(st, { updates, rateLimitPerSecond: rateLimit, log }),
        ),
      ))
    : skipped;
  // Kill iterations: SIGKILL the browser mid-sync many times; the shop's audit is the oracle.
  const kills = Number(values.kills);
  const kill = only.includes('kill')
    ? (log(`kill: ${kills} iterations…`),
      await group('kill', () =>
        withStation({ sandbox: killBenchSandbox(kills) }, (st) => measureKills(st, { kills, log })),
      ))
    : skipped;
  // Insights: every metric over a large history in the worker, on a station of its own.
  const insights = only.includes('insights')
    ? (log('insights…'),
      await group('insights', () =>
        withStation({}, (st) =>
          measureInsights(st, { orders, samples: Math.min(samples, 50), log }),
        ),
      ))
    : skipped;
  // Tracking: refreshes against the shop's rate limit, and the delay rules over many parcels.
  const parcels = Number(values.parcels);
  const ruleParcels = Number(values['rule-parcels']);
  const tracking = only.includes('tracking')
    ? (log(`tracking: ${parcels} parcels at ${rateLimit} requests/s…`),
      await group('tracking', () =>
        withStation(
          { sandbox: trackingBenchSandbox({ parcels, rateLimitPerSecond: rateLimit }) },
          (st) =>
            measureTracking(st, {
              parcels,
              rateLimitPerSecond: rateLimit,
              ruleParcels,
              passes: 20,
              log,
            }),
        ),
      ))
    : skipped;
  // Returns: a return parcel's tracking number → its request, beside a raw IndexedDB get.
  const returnsCount = Number(values.returns);
  const returns = only.includes('returns')
    ? (log(`returns: ${orders} orders, ${returnsCount} requests…`),
      await group('returns', () =>
        withStation({}, (st) =>
          measureReturns(st, { orders, returns: returnsCount, samples, log }),
        ),
      ))
    : skipped;
  const foundation = station?.foundation;
  const packing = station?.packing;
  const result = {
    bench: 'packbench',
    at: new Date().toISOString(),
    machine: { cores: cpus().length, node: process.version, load: loadavg() },
    targets,
    metrics: {
      foundation: foundation ?? skipped,
      packing: packing ?? skipped,
      labels: { ...(station?.labels ?? skipped), ...labelStep },
      devices,
      intake,
      outbox,
      insights,
      kill,
      tracking,
      returns,
    },
    verdicts: {
      ...(foundation && packing
        ? {
            lookup_by_id_p99: foundation.lookup_by_id_ms.p99 <= targets.lookup_by_id_p99_ms,
            lookup_by_id_ratio:
              foundation.lookup_by_id_p99_ratio_to_raw <= targets.lookup_by_id_p99_ratio_to_raw,
            queue_page_50_first_p99:
              foundation.queue_page_50_first_ms.p99 <= targets.queue_page_50_p99_ms,
            renderer_heap: foundation.renderer_heap_mb <= targets.renderer_heap_mb,
            scan_to_checklist_idle_p99:
              packing.scan_to_checklist_idle_ms.p99 <= targets.scan_to_checklist_p99_ms,
            scan_to_checklist_busy_p99:
              packing.scan_to_checklist_busy_ms.p99 <= targets.scan_to_checklist_p99_ms,
            lookup_by_scanned_id_p99:
              packing.lookup_by_scanned_id_ms.p99 <= targets.lookup_by_scanned_id_p99_ms,
          }
        : {}),
      ...('import_write_ratio_to_raw' in intake
        ? {
            import_write_ratio:
              intake.import_write_ratio_to_raw >= targets.import_write_ratio_to_raw,
          }
        : {}),
      ...('full_recompute_ms' in insights
        ? {
            insights_main_thread_not_blocked:
              insights.main_thread_longest_task_during_recompute_ms <=
              targets.insights_longest_main_thread_task_ms,
            insights_renderer_heap:
              insights.renderer_heap_insights_open_mb <= targets.renderer_heap_mb,
          }
        : {}),
      ...('photos_stored' in devices
        ? {
            devices_every_parcel_weighed_and_photographed:
              devices.missing === 0 &&
              devices.weighings_recorded === devices.samples &&
              devices.photos_stored === devices.samples,
          }
        : {}),
      ...('drain_ratio_to_limit' in outbox
        ? {
            outbox_drain_ratio: outbox.drain_ratio_to_limit >= targets.outbox_drain_ratio_to_limit,
            outbox_exactly_once: outbox.duplicate_writes === 0 && outbox.not_done === 0,
          }
        : {}),
      ...('refresh_ratio_to_limit' in tracking
        ? {
            tracking_refresh_ratio:
              tracking.refresh_ratio_to_limit >= targets.tracking_refresh_ratio_to_limit,
          }
        : {}),
      ...('return_lookup_by_tracking_ms' in returns
        ? {
            return_lookup_by_tracking_p99:
              returns.return_lookup_by_tracking_ms.p99 <= targets.return_lookup_by_tracking_p99_ms,
          }
        : {}),
      ...('lost' in kill
        ? {
            kill_none_lost_or_duplicated:
              kill.lost === 0 && kill.duplicated === 0 && kill.not_done === 0,
            kill_at_least_500: kill.kills >= 500,
          }
        : {}),
    },
  };
  const text = JSON.stringify(result, null, 2);
  process.stdout.write(text + '\n');
  const out = values.out ?? join('bench-results', `bench-${result.at.replace(/[:.]/g, '-')}.json`);
  await mkdir(join(out, '..'), { recursive: true });
  await writeFile(out, text + '\n');
  log(`written to ${out}`);
}

main().catch((cause: unknown) => {
  process.stderr.write(
    `bench failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`,
  );
  process.exit(1);
});

import { onTableChanged } from '../../data/changes';
import { addAfterPackListener } from '../packing';
import type { InsightsReply, InsightsRequest, InsightsResults } from './protocol';

/**
 * The page's side of the insights worker: one worker per station database, started when Insights
 * first opens and kept for the session. A completed pack updates the rows of that order only;
 * shipment and sync changes mark the data stale, and the next look reloads it.
 */
export class InsightsClient {
  private readonly worker: Worker;
  private next = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void }
  >();
  private opened: Promise<InsightsResults['open']>;
  private stale = false;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(readonly dbName: string) {
    this.worker = new Worker(new URL('../../workers/insights-worker.ts', import.meta.url), {
      type: 'module',
      name: 'insights',
    });
    this.worker.onmessage = (e: MessageEvent<InsightsReply>) => {
      const w = this.waiting.get(e.data.id);
      if (!w) return;
      this.waiting.delete(e.data.id);
      if (e.data.ok) w.resolve(e.data.value);
      else w.reject(new Error(e.data.error));
    };
    this.opened = this.call({ type: 'open', dbName });
    this.unsubscribe.push(
      addAfterPackListener((done) => void this.ordersChanged([done.order.id])),
      onTableChanged(dbName, 'outbox', () => {
        this.stale = true;
      }),
      ...['deliveries', 'parcels', 'returns', 'returnIntakes', 'weighings'].map((table) =>
        onTableChanged(dbName, table, () => {
          this.stale = true;
        }),
      ),
    );
  }

  call<K extends InsightsRequest['type']>(
    req: Extract<InsightsRequest, { type: K }>,
  ): Promise<InsightsResults[K]> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  ready(): Promise<InsightsResults['open']> {
    return this.opened;
  }

  /** Reloads everything if something changed that the incremental path does not follow. */
  async fresh(): Promise<void> {
    await this.opened;
    if (this.stale) {
      this.stale = false;
      await this.call({ type: 'reload' });
    }
  }

  reload(): Promise<InsightsResults['reload']> {
    this.stale = false;
    this.opened = this.call({ type: 'reload' });
    return this.opened;
  }

  async ordersChanged(orderIds: string[]): Promise<InsightsResults['ordersChanged']> {
    await this.opened;
    return this.call({ type: 'ordersChanged', orderIds });
  }

  dispose(): void {
    for (const u of this.unsubscribe) u();
    this.worker.terminate();
  }
}

let current: InsightsClient | null = null;

export function insightsClient(dbName: string): InsightsClient {
  if (current && current.dbName !== dbName) {
    current.dispose();
    current = null;
  }
  current ??= new InsightsClient(dbName);
  return current;
}

/** What the printed documents show, loaded from the station database in one go. */
import { z } from 'zod';
import type { OrderRow } from '#shared/domain/order';
import { orderWeightGrams } from '#shared/logic/label-layout/text';
import { err, ok, type Result } from '#shared/utils/result';
import type { StationDb } from '../../data/db';
import { createRepositories } from '../../data/repositories';

export const Sender = z.object({
  name: z.string().min(1),
  addressLines: z.array(z.string()),
  phone: z.string(),
});
export type Sender = z.infer<typeof Sender>;

/** The station setting that holds the sender block of the waybill. */
export const SENDER_SETTING_KEY = 'labels.sender';

/**
 * PRACTICE DATA, not a real address: the sender until the station sets its own
 * (`settings['labels.sender']`). It says so on its face.
 */
export const DEFAULT_SENDER: Sender = {
  name: 'Packbench Demo Store',
  addressLines: ['PRACTICE ADDRESS — 1 Example Way, Unit 0', 'Sample City, ZZ 00000'],
  phone: '',
};

export type HandlingNote = 'fragile' | 'liquid' | 'battery' | 'dangerous' | 'gift';

export interface DocumentData {
  order: OrderRow;
  sender: Sender;
  /** Sum of known per-unit SKU weights (items only), or null when any is unknown. */
  weightGrams: number | null;
  /** Handling notes per SKU id, from the catalog and the order lines. */
  handling: Record<string, HandlingNote[]>;
  /** The practice database or a practice order: the label is watermarked. */
  practice: boolean;
}

export type LoadError =
  { code: 'not-found'; missing: string[] } | { code: 'db-error'; message: string };

async function loadSender(db: StationDb): Promise<Sender> {
  const row = await db.settings.get(SENDER_SETTING_KEY);
  const parsed = Sender.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SENDER;
}

/** The first tracking number of the order, or '' while it has none. */
export function trackingNumberOf(order: OrderRow): string {
  return (
    order.packages.find((p) => p.trackingNumber.trim() !== '')?.trackingNumber.trim() ??
    order.trackingNumbers.find((t) => t.trim() !== '')?.trim() ??
    ''
  );
}

/** Carrier name from the package that carries the tracking number (or the first package). */
export function carrierOf(order: OrderRow): string {
  const tracking = trackingNumberOf(order);
  const pkg = order.packages.find((p) => p.trackingNumber.trim() === tracking) ?? order.packages[0];
  return pkg?.shippingProviderName.trim() ?? '';
}

/** Every order of `ids`, in that order; any id missing refuses the whole set. */
export async function loadDocuments(
  db: StationDb,
  ids: readonly string[],
  practiceDb: boolean,
): Promise<Result<DocumentData[], LoadError>> {
  try {
    const repos = createRepositories(db);
    const orders = await Promise.all(ids.map((id) => repos.orders.get(id)));
    const missing = ids.filter((_, i) => !orders[i]);
    if (missing.length > 0) return err({ code: 'not-found', missing });
    const found = orders.filter((o): o is OrderRow => o !== undefined);
    const skuIds = [...new Set(found.flatMap((o) => o.lines.map((l) => l.skuId)))];
    const products = await repos.catalog.bySkuIds(skuIds);
    const grams = new Map<string, number>();
    const catalogHandling = new Map<string, HandlingNote[]>();
    for (const p of products) {
      if (!p) continue;
      grams.set(p.id, p.weightGrams);
      catalogHandling.set(p.id, [...p.handling]);
    }
    const sender = await loadSender(db);
    return ok(
      found.map((order) => {
        const handling: Record<string, HandlingNote[]> = {};
        for (const line of order.lines) {
          const notes = new Set<HandlingNote>(catalogHandling.get(line.skuId) ?? []);
          if (line.isDangerousGood) notes.add('dangerous');
          if (line.isGift) notes.add('gift');
          if (notes.size > 0) handling[line.skuId] = [...notes];
        }
        return {
          order,
          sender,
          weightGrams: orderWeightGrams(order.lines, grams),
          handling,
          practice: practiceDb || order.practice,
        };
      }),
    );
  } catch (cause) {
    return err({ code: 'db-error', message: String(cause) });
  }
}

/**
 * Barcode → SKU, built once per catalog and shared by every pack checklist. Keys are
 * `itemKey`s: GTIN-14 for any GTIN (so UPC-A, EAN-13, GTIN-14 and GS1 (01) of one item agree) and
 * the upper-cased text for seller SKUs. A key claimed by two SKUs, and a barcode that cannot exist
 * (a 12/13-digit number with a bad check digit), never index anything: they are reported instead.
 */
import type { ProductRow } from '#shared/domain/product';
import { itemKey, parseScan } from '#shared/logic/scan/parse';
import type { ScanRejection } from '#shared/logic/scan/rejections';

export interface BarcodeProblem {
  barcode: string;
  skuIds: string[];
  problem: 'conflict' | 'invalid';
  reason?: ScanRejection;
}

export interface BarcodeIndex {
  readonly bySku: ReadonlyMap<string, ProductRow>;
  readonly byKey: ReadonlyMap<string, string>;
  /** SKUs with at least one usable barcode; the rest need manual quantity entry. */
  readonly scannable: ReadonlySet<string>;
  readonly problems: readonly BarcodeProblem[];
}

export function buildBarcodeIndex(products: Iterable<ProductRow>): BarcodeIndex {
  const bySku = new Map<string, ProductRow>();
  const claims = new Map<string, { barcode: string; skuIds: Set<string> }>();
  const problems: BarcodeProblem[] = [];
  for (const product of products) {
    bySku.set(product.id, product);
    for (const barcode of product.barcodes) {
      const text = barcode.trim();
      if (text.length === 0) continue;
      const content = parseScan(text);
      if (content.kind === 'invalid') {
        problems.push({
          barcode: text,
          skuIds: [product.id],
          problem: 'invalid',
          reason: content.reason,
        });
        continue;
      }
      const key = itemKey(content);
      if (key === null) continue;
      const claim = claims.get(key) ?? { barcode: text, skuIds: new Set<string>() };
      claim.skuIds.add(product.id);
      claims.set(key, claim);
    }
  }
  const byKey = new Map<string, string>();
  const scannable = new Set<string>();
  for (const [key, claim] of claims) {
    const [only, ...others] = claim.skuIds;
    if (only !== undefined && others.length === 0) {
      byKey.set(key, only);
      scannable.add(only);
    } else {
      problems.push({ barcode: claim.barcode, skuIds: [...claim.skuIds], problem: 'conflict' });
    }
  }
  return { bySku, byKey, scannable, problems };
}

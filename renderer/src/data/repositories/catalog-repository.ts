import type { ProductRow, StockRow } from '#shared/domain/product';
import type { StationDb } from '../db';

export function createCatalogRepository(db: StationDb) {
  return {
    byBarcode(code: string): Promise<ProductRow | undefined> {
      return db.products.where('barcodes').equals(code).first();
    },
    bySkuIds(ids: readonly string[]): Promise<(ProductRow | undefined)[]> {
      return db.products.bulkGet([...ids]);
    },
    stockFor(ids: readonly string[]): Promise<(StockRow | undefined)[]> {
      return db.stock.bulkGet([...ids]);
    },
    count(): Promise<number> {
      return db.products.count();
    },
  };
}

export type CatalogRepository = ReturnType<typeof createCatalogRepository>;

import { z } from 'zod';

/** A sellable SKU and the barcodes printed on it (UPC-A, EAN-13, or the seller SKU itself). */
export const ProductRow = z.object({
  /** TikTok sku_id. */
  id: z.string().min(1),
  productId: z.string(),
  sellerSku: z.string(),
  productName: z.string(),
  skuName: z.string(),
  barcodes: z.array(z.string()),
  /** Handling notes shown to the packer. */
  handling: z.array(z.enum(['fragile', 'liquid', 'battery'])),
  weightGrams: z.number().int().nonnegative(),
  practice: z.boolean(),
});
export type ProductRow = z.infer<typeof ProductRow>;

/** Local stock per SKU: on hand, and reserved by confirmed but unshipped orders. */
export const StockRow = z.object({
  skuId: z.string().min(1),
  onHand: z.number().int(),
  reserved: z.number().int().nonnegative(),
  updatedAt: z.number(),
});
export type StockRow = z.infer<typeof StockRow>;

/** zod schemas for the printing bridge methods (used by `shared/bridge/contract.ts`). */
import { z } from 'zod';
import { checkJobZpl } from './zpl-escape';

/** A label printer's address: an IPv4 address or a host name (no URLs, ports or spaces). */
export const PrinterHost = z.union([z.ipv4(), z.hostname().max(253)]);
export const PrinterPort = z.int().min(1).max(65535);

/**
 * A renderer print route such as `/print/label/<orderId>?size=4x6&dpi=203`; no dots, so no `..`,
 * and a query of plain `key=value&…` pairs (the label size and dpi, batch ids).
 */
export const PrintRoute = z
  .string()
  .max(2000)
  .regex(/^\/print\/[A-Za-z0-9_/-]+(\?[A-Za-z0-9_=&,-]*)?$/, 'a /print/… route');

export const PaperName = z.enum(['waybill4x6', 'waybill100x150', 'a6', 'a4']);

export const JobId = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\w.:-]+$/, 'letters, digits, dot, colon, dash and underscore only');

export const OperatorName = z.string().trim().min(1).max(120);

export const ZplJob = z
  .string()
  .min(1)
  .max(200_000)
  .superRefine((zpl, ctx) => {
    const problem = checkJobZpl(zpl);
    if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
  });

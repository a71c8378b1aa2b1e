/**
 * The print routes of the renderer: every printable document has a URL that renders exactly that
 * document at its physical size. Electron prints the route in a hidden window; tests and the
 * bench render it to PDF. Both sides build and parse the URL here.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../../utils/result';
import { PAPER } from '../../utils/units';
import { LABEL_DPIS, type LabelDpi } from './barcode';

export const LABEL_SIZES = ['4x6', '100x150', 'a6'] as const;
export type LabelSize = (typeof LABEL_SIZES)[number];
export const SLIP_SIZES = ['a6', 'a4'] as const;
export type SlipSize = (typeof SLIP_SIZES)[number];

export interface PageMm {
  widthMm: number;
  heightMm: number;
}

export const LABEL_PAGE: Record<LabelSize, PageMm> = {
  '4x6': PAPER.waybill4x6,
  '100x150': PAPER.waybill100x150,
  a6: PAPER.a6,
};
export const SLIP_PAGE: Record<SlipSize, PageMm> = { a6: PAPER.a6, a4: PAPER.a4 };

export type PrintRoute =
  | { kind: 'label'; orderId: string; size: LabelSize; dpi: LabelDpi }
  | { kind: 'slip'; orderId: string; size: SlipSize }
  | {
      kind: 'batch';
      orderIds: string[];
      doc: 'label';
      size: LabelSize;
      dpi: LabelDpi;
    }
  | { kind: 'batch'; orderIds: string[]; doc: 'slip'; size: SlipSize };

export interface PrintRouteError {
  code: 'not-a-print-route' | 'invalid-print-route';
  message: string;
}

/** A batch prints at most this many documents: a bigger one is split by the caller. */
export const MAX_BATCH = 500;

const OrderId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'order id');
const Dpi = z.coerce
  .number()
  .refine((n): n is LabelDpi => (LABEL_DPIS as readonly number[]).includes(n), 'dpi 203 or 300')
  .transform((n) => n);
const LabelQuery = z.object({
  size: z.enum(LABEL_SIZES).default('4x6'),
  dpi: Dpi.default(203),
});
const SlipQuery = z.object({ size: z.enum(SLIP_SIZES).default('a6') });
const BatchIds = z
  .string()
  .transform((s) => s.split(',').filter((id) => id.length > 0))
  .pipe(z.array(OrderId).min(1).max(MAX_BATCH));

function queryObject(search: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) out[k] = v;
  return out;
}

function invalid(error: z.ZodError): Result<never, PrintRouteError> {
  const message = error.issues
    .map((i) => `${i.path.join('.') || 'route'}: ${i.message}`)
    .join('; ');
  return err({ code: 'invalid-print-route', message });
}

/** Parses `/print/label/<id>`, `/print/slip/<id>` and `/print/batch` with their query. */
export function parsePrintRoute(
  pathname: string,
  search: string,
): Result<PrintRoute, PrintRouteError> {
  const parts = pathname.split('/').filter((p) => p.length > 0);
  if (parts[0] !== 'print') {
    return err({ code: 'not-a-print-route', message: `${pathname} is not a print route` });
  }
  const q = queryObject(search);
  const [, kind, rawId, ...rest] = parts;
  if (rest.length > 0) return err({ code: 'invalid-print-route', message: 'Too many path parts' });
  if (kind === 'label' || kind === 'slip') {
    const id = OrderId.safeParse(rawId === undefined ? '' : decodeURIComponent(rawId));
    if (!id.success) return invalid(id.error);
    if (kind === 'label') {
      const query = LabelQuery.safeParse(q);
      if (!query.success) return invalid(query.error);
      return ok({ kind, orderId: id.data, ...query.data });
    }
    const query = SlipQuery.safeParse(q);
    if (!query.success) return invalid(query.error);
    return ok({ kind, orderId: id.data, ...query.data });
  }
  if (kind === 'batch' && rawId === undefined) {
    const ids = BatchIds.safeParse(q.ids ?? '');
    if (!ids.success) return invalid(ids.error);
    const doc = q.doc ?? 'label';
    if (doc === 'label') {
      const query = LabelQuery.safeParse(q);
      if (!query.success) return invalid(query.error);
      return ok({ kind, orderIds: ids.data, doc, ...query.data });
    }
    if (doc === 'slip') {
      const query = SlipQuery.safeParse(q);
      if (!query.success) return invalid(query.error);
      return ok({ kind, orderIds: ids.data, doc, ...query.data });
    }
    return err({ code: 'invalid-print-route', message: 'doc must be label or slip' });
  }
  return err({ code: 'invalid-print-route', message: `Unknown print document "${kind ?? ''}"` });
}

/** The path and query of a print route (relative to the renderer's origin). */
export function printRoutePath(route: PrintRoute): string {
  const enc = encodeURIComponent;
  switch (route.kind) {
    case 'label':
      return `/print/label/${enc(route.orderId)}?size=${route.size}&dpi=${route.dpi}`;
    case 'slip':
      return `/print/slip/${enc(route.orderId)}?size=${route.size}`;
    case 'batch': {
      const ids = route.orderIds.map(enc).join(',');
      return route.doc === 'label'
        ? `/print/batch?ids=${ids}&doc=label&size=${route.size}&dpi=${route.dpi}`
        : `/print/batch?ids=${ids}&doc=slip&size=${route.size}`;
    }
  }
}

/** The physical page of a print route, in millimetres. */
export function printRoutePage(route: PrintRoute): PageMm {
  switch (route.kind) {
    case 'label':
      return LABEL_PAGE[route.size];
    case 'slip':
      return SLIP_PAGE[route.size];
    case 'batch':
      return route.doc === 'label' ? LABEL_PAGE[route.size] : SLIP_PAGE[route.size];
  }
}

/** What each page of a route is: a label of a size and dpi, or a slip of a size. */
export type PageSpec =
  { doc: 'label'; size: LabelSize; dpi: LabelDpi } | { doc: 'slip'; size: SlipSize };

export function pageSpecOf(route: PrintRoute): PageSpec {
  switch (route.kind) {
    case 'label':
      return { doc: 'label', size: route.size, dpi: route.dpi };
    case 'slip':
      return { doc: 'slip', size: route.size };
    case 'batch':
      return route.doc === 'label'
        ? { doc: 'label', size: route.size, dpi: route.dpi }
        : { doc: 'slip', size: route.size };
  }
}

/** The order ids a route prints, in page order. */
export function routeOrderIds(route: PrintRoute): string[] {
  return route.kind === 'batch' ? [...route.orderIds] : [route.orderId];
}

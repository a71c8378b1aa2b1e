/**
 * The ZPL waybill of an order, or the reason ZPL cannot carry it. The builder prints Latin text
 * only unless the profile names a printer font; CJK or Arabic addresses (or a field too long for
 * its box) mean the PDF label route prints instead, and the station says so.
 */
import { formatShipBy, summarizeItems } from '#shared/logic/label-layout/text';
import {
  buildWaybillZpl,
  type WaybillZplError,
  type WaybillZplInput,
} from '#shared/logic/printing/zpl-waybill';
import { err, ok, type Result } from '#shared/utils/result';
import { carrierOf, trackingNumberOf, type DocumentData } from '../labels/documents';

/**
 * Typographic punctuation as ASCII: the printer's resident font has no em dash or curly quotes,
 * and the builder (rightly) refuses what it cannot print — a dash must not force the PDF route.
 */
export function asciiPunctuation(text: string): string {
  return text
    .replace(/[\u2012-\u2015\u2212]/g, '-')
    .replace(/[\u2018\u2019\u201a\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u2033]/g, '"')
    .replace(/\u2026/g, '...')
    .replace(/[\u00a0\u2007\u202f]/g, ' ');
}

export function waybillInput(data: DocumentData, tzOffsetMinutes: number): WaybillZplInput {
  const { order } = data;
  const a = asciiPunctuation;
  const sender = {
    ...data.sender,
    name: a(data.sender.name),
    addressLines: data.sender.addressLines.map(a),
  };
  const items = summarizeItems(order.lines, 50);
  return {
    trackingNumber: trackingNumberOf(order) || order.id,
    orderId: order.id,
    recipient: {
      name: a(order.recipient.name),
      phone: order.recipient.phone,
      address: a(order.recipient.fullAddress),
    },
    sender: { name: sender.name, address: sender.addressLines.join(', ') },
    carrier: a(carrierOf(order)),
    service: a(order.deliveryOptionName),
    weightGrams: data.weightGrams,
    shipByText: formatShipBy(order.shipBy, tzOffsetMinutes),
    items: items.lines.map((l) => ({ name: a(l.name), quantity: l.quantity })),
    practice: data.practice,
  };
}

export interface ZplFallback {
  /** Why the PDF route prints instead. */
  code: WaybillZplError['code'];
  message: string;
  fields: string[];
}

/** ZPL for the order's waybill, or a fallback to the PDF label with the builder's reason. */
export function zplOrFallback(
  data: DocumentData,
  opts: { dpi: 203 | 300; font: string; tzOffsetMinutes: number },
): Result<string, ZplFallback> {
  const built = buildWaybillZpl(waybillInput(data, opts.tzOffsetMinutes), {
    dpi: opts.dpi,
    ...(opts.font.trim() !== '' ? { unicodeFont: opts.font.trim() } : {}),
  });
  if (built.ok) return ok(built.value);
  const e = built.error;
  return err({
    code: e.code,
    message: e.message,
    fields: 'fields' in e ? e.fields : 'field' in e ? [e.field] : [],
  });
}

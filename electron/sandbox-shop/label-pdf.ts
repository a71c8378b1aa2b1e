import { createRequire } from 'node:module';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { z } from 'zod';

/**
 * A real shipping-label PDF (A6 or A5) with the tracking number as a Code 128 barcode. Bars come
 * from JsBarcode's encoder (module string of 1s and 0s); pdf-lib draws them as rectangles.
 */
const require = createRequire(import.meta.url);
const Encoded = z.object({ data: z.string().regex(/^[01]+$/) });
const Code128Module = z.object({
  CODE128: z.custom<new (data: string, options: object) => { encode(): unknown; valid(): boolean }>(
    (v) => typeof v === 'function',
  ),
});

export function code128Modules(text: string): string {
  const mod = Code128Module.parse(require('jsbarcode/bin/barcodes/CODE128/index.js'));
  const encoder = new mod.CODE128(text, {});
  if (!encoder.valid()) throw new Error(`Code 128 cannot encode ${JSON.stringify(text)}`);
  return Encoded.parse(encoder.encode()).data;
}

export interface LabelInput {
  trackingNumber: string;
  orderId: string;
  packageId: string;
  carrier: string;
  recipientName: string;
  addressLines: string[];
  itemCount: number;
  size: 'A6' | 'A5';
  documentType: string;
  /** Creation time in ms, so the same label gives the same bytes. */
  createdAt: number;
}

const SIZES = { A6: [297.64, 419.53], A5: [419.53, 595.28] } as const;

/** Standard PDF fonts speak WinAnsi only: anything else is shown as '?'. */
function winAnsi(text: string): string {
  return [...text].map((c) => (/^[\x20-\x7e\u00a0-\u00ff]$/.test(c) ? c : '?')).join('');
}

export async function renderLabelPdf(input: LabelInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle(`Shipping label ${input.trackingNumber}`);
  doc.setProducer('Packbench sandbox shop');
  doc.setCreationDate(new Date(input.createdAt));
  doc.setModificationDate(new Date(input.createdAt));
  const [width, height] = SIZES[input.size];
  const page = doc.addPage([width, height]);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const margin = 16;
  let y = height - margin - 14;
  const line = (text: string, size = 9, f = font) => {
    page.drawText(winAnsi(text).slice(0, 70), { x: margin, y, size, font: f });
    y -= size + 4;
  };
  line(`${input.carrier} - TikTok Shipping (SANDBOX, not a real label)`, 9, bold);
  y -= 4;
  line('SHIP TO:', 8, bold);
  line(input.recipientName, 11, bold);
  for (const l of input.addressLines.slice(0, 5)) line(l, 9);
  y -= 8;
  // Code 128 barcode of the tracking number.
  const modules = code128Modules(input.trackingNumber);
  const quiet = 10;
  const barHeight = 60;
  const moduleWidth = Math.min(1.5, (width - 2 * margin - 2 * quiet) / modules.length);
  const barsWidth = modules.length * moduleWidth;
  let x = (width - barsWidth) / 2;
  const barY = y - barHeight;
  for (const bit of modules) {
    if (bit === '1') {
      page.drawRectangle({
        x,
        y: barY,
        width: moduleWidth,
        height: barHeight,
        color: rgb(0, 0, 0),
      });
    }
    x += moduleWidth;
  }
  y = barY - 16;
  const tn = input.trackingNumber;
  page.drawText(tn, { x: (width - bold.widthOfTextAtSize(tn, 12)) / 2, y, size: 12, font: bold });
  y -= 24;
  line(`Order ${input.orderId}`);
  line(`Package ${input.packageId}`);
  line(`Items: ${input.itemCount}   Document: ${input.documentType}`);
  return doc.save({ useObjectStreams: false });
}

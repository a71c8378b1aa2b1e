import type { LabelDpi } from '#shared/logic/label-layout/barcode';
import { LABEL_PAGE, type LabelSize } from '#shared/logic/label-layout/print-route';
import type { DocumentData } from './documents';
import { WaybillLabel } from './WaybillLabel';
import './labels.css';
import './waybill.css';

export interface LabelPreviewProps {
  data: DocumentData;
  size?: LabelSize;
  dpi?: LabelDpi;
  /** On-screen width of the preview in CSS pixels; the label keeps its aspect ratio. */
  widthPx: number;
}

/** CSS pixels per millimetre. */
const PX_PER_MM = 96 / 25.4;

/**
 * The waybill as it will print, scaled to fit `widthPx`: the same template component as the print
 * route (no iframe), laid out at physical size and scaled with a CSS transform, so text fitting
 * and barcode geometry are exactly what the printer gets.
 */
export function LabelPreview({ data, size = '4x6', dpi = 203, widthPx }: LabelPreviewProps) {
  const page = LABEL_PAGE[size];
  const scale = widthPx / (page.widthMm * PX_PER_MM);
  return (
    <div
      className="pb-preview"
      data-testid="label-preview"
      style={{
        width: `${widthPx}px`,
        height: `${page.heightMm * PX_PER_MM * scale}px`,
        overflow: 'hidden',
      }}
    >
      <div
        style={{ transform: `scale(${scale})`, transformOrigin: '0 0', width: `${page.widthMm}mm` }}
      >
        <WaybillLabel
          data={data}
          size={size}
          dpi={dpi}
          tzOffsetMinutes={-new Date().getTimezoneOffset()}
        />
      </div>
    </div>
  );
}

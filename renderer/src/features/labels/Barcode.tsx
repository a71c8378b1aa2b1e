import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { dotsToCssInches, layoutCode128, type LabelDpi } from '#shared/logic/label-layout/barcode';

export interface BarcodeProps {
  value: string;
  dpi: LabelDpi;
  /** Width available, in printer dots (quiet zones included). */
  boxDots: number;
  heightMm: number;
  /** Center in the box, by a whole number of dots so bar edges stay on the printer's grid. */
  center?: boolean;
  /** What the code is, for screen readers and tests ("tracking", "order"). */
  role: string;
}

/**
 * A Code 128 symbol drawn as one SVG path: JsBarcode encodes, and each module is exactly
 * `moduleDots` printer dots wide, so a 203 or 300 dpi printer reproduces every bar without
 * rounding. The white quiet zones are painted, so a watermark never shows through them.
 */
export function Barcode({ value, dpi, boxDots, heightMm, center = false, role }: BarcodeProps) {
  const { t } = useTranslation();
  const layout = useMemo(
    () => layoutCode128(value, { dpi, maxWidthDots: boxDots, heightMm }),
    [value, dpi, boxDots, heightMm],
  );
  if (!layout.ok) {
    return (
      <div className="pb-barcode-missing" data-barcode-error={layout.error.code} data-role={role}>
        {t('labels.barcodeError')}
        <small className="pb-ltr">{value}</small>
      </div>
    );
  }
  const g = layout.value;
  const q = g.quietZoneModules;
  const d = g.bars.map((b) => `M${b.x + q} 0h${b.width}v1h-${b.width}z`).join('');
  const offsetDots = center ? Math.floor((boxDots - g.totalDots) / 2) : 0;
  return (
    <svg
      className="pb-barcode"
      role="img"
      aria-label={`${role} ${value}`}
      data-barcode={value}
      data-role={role}
      data-module-dots={g.moduleDots}
      data-total-dots={g.totalDots}
      viewBox={`0 0 ${g.totalModules} 1`}
      preserveAspectRatio="none"
      shapeRendering="crispEdges"
      style={{
        width: dotsToCssInches(g.totalDots, dpi),
        height: dotsToCssInches(g.heightDots, dpi),
        marginLeft: dotsToCssInches(offsetDots, dpi),
      }}
    >
      <rect x={0} y={0} width={g.totalModules} height={1} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}

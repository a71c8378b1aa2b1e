import type { PageSpec } from '#shared/logic/label-layout/print-route';
import type { DocumentData } from './documents';
import { PackingSlip } from './PackingSlip';
import { WaybillLabel } from './WaybillLabel';
import './labels.css';
import './waybill.css';
import './slip.css';

export interface PrintDocumentProps {
  spec: PageSpec;
  /** One entry per page, in page order. */
  docs: readonly DocumentData[];
  tzOffsetMinutes: number;
}

/** Every page of a print route: one label or slip, or a batch of them, one per page. */
export function PrintDocument({ spec, docs, tzOffsetMinutes }: PrintDocumentProps) {
  return (
    <>
      {docs.map((data) =>
        spec.doc === 'label' ? (
          <WaybillLabel
            key={data.order.id}
            data={data}
            size={spec.size}
            dpi={spec.dpi}
            tzOffsetMinutes={tzOffsetMinutes}
          />
        ) : (
          <PackingSlip key={data.order.id} data={data} size={spec.size} />
        ),
      )}
    </>
  );
}

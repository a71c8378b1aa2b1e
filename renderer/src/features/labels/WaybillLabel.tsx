import { useTranslation } from 'react-i18next';
import type { LabelDpi } from '#shared/logic/label-layout/barcode';
import { dotsToCssInches } from '#shared/logic/label-layout/barcode';
import { LABEL_PAGE, type LabelSize } from '#shared/logic/label-layout/print-route';
import { formatShipBy, formatWeightKg, summarizeItems } from '#shared/logic/label-layout/text';
import { mmToDots } from '#shared/utils/units';
import { Barcode } from './Barcode';
import { carrierOf, trackingNumberOf, type DocumentData } from './documents';
import { FitBox } from './FitBox';
import { Watermark } from './Watermark';

export interface WaybillProps {
  data: DocumentData;
  size: LabelSize;
  dpi: LabelDpi;
  /** Minutes east of UTC for the ship-by time (the station's zone). */
  tzOffsetMinutes: number;
}

/** Item lines on the label before "+k more" (two columns of three). */
const ITEM_LINES = 5;

/**
 * Page frame in whole printer dots, so the barcodes inside start on the printer's dot grid:
 * about 2 mm of margin and a 0.5 mm border.
 */
export function waybillFrame(size: LabelSize, dpi: LabelDpi) {
  const pageDots = mmToDots(LABEL_PAGE[size].widthMm, dpi);
  const padDots = mmToDots(2, dpi);
  const borderDots = Math.max(2, mmToDots(0.5, dpi));
  return { pageDots, padDots, borderDots, contentDots: pageDots - 2 * (padDots + borderDots) };
}

/**
 * The waybill (4×6 in, 100×150 mm or A6): carrier and service, sender, recipient, the tracking
 * number as Code 128 (or a "no tracking number yet" block, never an empty barcode), the order id
 * as a second Code 128, weight, items, ship-by, and a watermark in practice mode. Customer text
 * is React text, never markup; `dir="auto"` lets Arabic run right to left.
 */
export function WaybillLabel({ data, size, dpi, tzOffsetMinutes }: WaybillProps) {
  const { t } = useTranslation();
  const { order, sender } = data;
  const frame = waybillFrame(size, dpi);
  const tracking = trackingNumberOf(order);
  const carrier = carrierOf(order);
  const items = summarizeItems(order.lines, ITEM_LINES);
  const r = order.recipient;
  const inch = (dots: number) => dotsToCssInches(dots, dpi);

  return (
    <section
      className={`pb-page pb-page--label-${size}`}
      data-doc="label"
      data-order-id={order.id}
      data-tracking={tracking}
      data-practice={data.practice ? 'true' : 'false'}
      style={{ padding: inch(frame.padDots) }}
    >
      {data.practice && <Watermark text={t('labels.practiceWatermark')} />}
      <div className="pb-content wb" style={{ borderWidth: inch(frame.borderDots) }}>
        <div className="wb-band wb-header">
          <div className="wb-carrier">
            <FitBox name="carrier" className="wb-carrier-name" maxPt={15} minPt={8} dir="auto">
              {carrier || t('labels.carrierUnknown')}
            </FitBox>
            <FitBox name="service" className="wb-service" maxPt={8.5} minPt={6} dir="auto">
              {order.deliveryOptionName}
              {order.shippingType === 'SELLER' ? ` · ${t('labels.sellerShipped')}` : ''}
            </FitBox>
          </div>
          <div className="wb-shipby">
            <span className="pb-caption">{t('labels.shipBy')}</span>
            <FitBox name="ship-by" className="wb-shipby-date" maxPt={9.5} minPt={7} dir="ltr">
              {formatShipBy(order.shipBy, tzOffsetMinutes)}
            </FitBox>
            {data.practice && <span className="wb-practice-tag">{t('labels.practiceTag')}</span>}
          </div>
        </div>

        <div className="wb-band wb-from">
          <span className="pb-caption">{t('labels.from')}</span>
          <FitBox name="sender" maxPt={8} minPt={5.5}>
            <div className="pb-strong" dir="auto">
              {sender.name}
            </div>
            {sender.addressLines.map((line, i) => (
              <div key={i} dir="auto">
                {line}
              </div>
            ))}
            {sender.phone && <div className="pb-ltr">{sender.phone}</div>}
          </FitBox>
        </div>

        <div className="wb-band wb-to">
          <span className="pb-caption">{t('labels.shipTo')}</span>
          <FitBox name="address" className="wb-to-box" maxPt={13} minPt={6.5}>
            <div className="wb-to-name" dir="auto" data-field="name">
              {r.name || '—'}
            </div>
            {r.fullAddress ? (
              <div dir="auto" data-field="address">
                {r.fullAddress}
              </div>
            ) : (
              <div className="pb-strong" data-field="address-missing">
                {t('labels.noAddress')}
              </div>
            )}
            <div className="wb-to-sort pb-ltr" data-field="postal">
              {[r.postalCode, r.regionCode].filter((s) => s.length > 0).join(' · ')}
            </div>
            <div data-field="phone">
              {t('labels.phone')} <span className="pb-ltr">{r.phone || '—'}</span>
            </div>
          </FitBox>
        </div>

        <div className="wb-band wb-tracking">
          <span className="pb-caption">{t('labels.trackingNumber')}</span>
          {tracking ? (
            <>
              <Barcode
                value={tracking}
                dpi={dpi}
                boxDots={frame.contentDots}
                heightMm={21}
                center
                role="tracking"
              />
              <FitBox name="tracking-text" className="wb-tracking-text" maxPt={12} minPt={8}>
                {tracking}
              </FitBox>
            </>
          ) : (
            <div className="pb-barcode-missing" data-no-tracking="true">
              {t('labels.noTracking')}
              <small>{t('labels.noTrackingHint')}</small>
            </div>
          )}
        </div>

        <div className="wb-band wb-order">
          <div className="wb-order-code">
            <Barcode
              value={order.id}
              dpi={dpi}
              boxDots={Math.floor(frame.contentDots * 0.64)}
              heightMm={10}
              role="order"
            />
            <FitBox name="order-text" className="wb-order-text" maxPt={8} minPt={6}>
              {t('labels.order')} {order.id}
            </FitBox>
          </div>
          <FitBox name="facts" className="wb-facts" maxPt={8} minPt={5.5}>
            <span className="pb-caption">{t('labels.weight')}</span>
            <span data-field="weight">
              {data.weightGrams === null ? '' : formatWeightKg(data.weightGrams)}
            </span>
            <span className="pb-caption">{t('labels.units')}</span>
            <span>{items.units}</span>
          </FitBox>
        </div>

        <div className="wb-band wb-items">
          <span className="pb-caption">{t('labels.items')}</span>
          <FitBox name="items" maxPt={8} minPt={6}>
            <ul>
              {items.lines.map((l) => (
                <li key={l.sku} dir="auto">
                  <span className="pb-strong pb-ltr">{l.sku}</span> × {l.quantity}
                </li>
              ))}
              {items.more > 0 && <li>{t('labels.more', { count: items.more })}</li>}
            </ul>
          </FitBox>
        </div>
      </div>
    </section>
  );
}

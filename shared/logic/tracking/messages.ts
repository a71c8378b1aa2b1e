import { z } from 'zod';

/**
 * Messages to buyers: one template per situation and language, with variables. The result is
 * plain text — customer data (a name, an order id) is inserted as text and never interpreted:
 * no markup, one substitution pass (a value that looks like `{name}` stays as typed), control
 * characters removed.
 *
 * Languages: English and 简体中文 everywhere, plus the languages of the TikTok Shop markets this
 * station serves: Spanish (MX, ES), Bahasa Indonesia (ID), Thai (TH), Vietnamese (VN). Other
 * markets (US, UK, SG, MY, PH, IE) are served in English; a buyer whose language is unknown gets
 * English.
 */

export const MESSAGE_SITUATIONS = [
  'delay',
  'failed-attempt',
  'address-problem',
  'lost-parcel',
  'delivered-confirm',
] as const;
export type MessageSituation = (typeof MESSAGE_SITUATIONS)[number];

export const MESSAGE_LANGUAGES = ['en', 'zh-CN', 'es', 'id', 'th', 'vi'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];
export const MessageLanguage = z.enum(MESSAGE_LANGUAGES);

export const MESSAGE_VARIABLES = [
  'name',
  'orderId',
  'trackingNumber',
  'carrier',
  'newEstimate',
] as const;
export type MessageVariable = (typeof MESSAGE_VARIABLES)[number];
export type MessageValues = Readonly<Record<MessageVariable, string>>;

type Templates = Readonly<Record<MessageSituation, string>>;

export const TEMPLATES: Readonly<Record<MessageLanguage, Templates>> = {
  en: {
    delay:
      'Hi {name}, your order {orderId} is taking longer than planned with {carrier} (tracking {trackingNumber}). The new estimate is {newEstimate}. We are watching it for you and are sorry for the wait.',
    'failed-attempt':
      'Hi {name}, {carrier} tried to deliver your order {orderId} but could not. Please check the delivery notice or track {trackingNumber}; the next attempt is expected by {newEstimate}.',
    'address-problem':
      'Hi {name}, {carrier} reports a problem with the delivery address of your order {orderId} (tracking {trackingNumber}). Please reply with the correct address so we can get it to you.',
    'lost-parcel':
      'Hi {name}, we are sorry: {carrier} has lost the parcel of your order {orderId} (tracking {trackingNumber}). We are sending a replacement, expected by {newEstimate}.',
    'delivered-confirm':
      'Hi {name}, {carrier} shows your order {orderId} as delivered (tracking {trackingNumber}). Could you confirm you have received it? Thank you!',
  },
  'zh-CN': {
    delay:
      '{name}您好，您的订单 {orderId} 由{carrier}配送（运单号 {trackingNumber}），比预计时间稍慢，新的预计送达时间为 {newEstimate}。我们会持续跟进，给您带来不便深表歉意。',
    'failed-attempt':
      '{name}您好，{carrier}尝试派送您的订单 {orderId} 未成功。请查看派送通知或查询运单 {trackingNumber}，预计将在 {newEstimate} 前再次派送。',
    'address-problem':
      '{name}您好，{carrier}反馈您的订单 {orderId}（运单号 {trackingNumber}）收货地址有问题，请回复正确的地址，以便我们尽快为您送达。',
    'lost-parcel':
      '{name}您好，非常抱歉，{carrier}遗失了您的订单 {orderId} 的包裹（运单号 {trackingNumber}）。我们将为您补发，预计 {newEstimate} 送达。',
    'delivered-confirm':
      '{name}您好，{carrier}显示您的订单 {orderId} 已签收（运单号 {trackingNumber}）。请确认是否已收到，谢谢！',
  },
  es: {
    delay:
      'Hola {name}, tu pedido {orderId} está tardando más de lo previsto con {carrier} (seguimiento {trackingNumber}). La nueva fecha estimada es {newEstimate}. Lo estamos siguiendo y lamentamos la espera.',
    'failed-attempt':
      'Hola {name}, {carrier} intentó entregar tu pedido {orderId} sin éxito. Revisa el aviso de entrega o el seguimiento {trackingNumber}; el próximo intento se espera antes del {newEstimate}.',
    'address-problem':
      'Hola {name}, {carrier} indica un problema con la dirección de entrega de tu pedido {orderId} (seguimiento {trackingNumber}). Respóndenos con la dirección correcta, por favor.',
    'lost-parcel':
      'Hola {name}, lo sentimos: {carrier} ha perdido el paquete de tu pedido {orderId} (seguimiento {trackingNumber}). Te enviamos un reemplazo, previsto para el {newEstimate}.',
    'delivered-confirm':
      'Hola {name}, {carrier} indica que tu pedido {orderId} fue entregado (seguimiento {trackingNumber}). ¿Puedes confirmar que lo recibiste? ¡Gracias!',
  },
  id: {
    delay:
      'Halo {name}, pesanan {orderId} Anda dengan {carrier} (resi {trackingNumber}) memerlukan waktu lebih lama dari rencana. Perkiraan baru: {newEstimate}. Kami terus memantaunya dan mohon maaf atas keterlambatannya.',
    'failed-attempt':
      'Halo {name}, {carrier} sudah mencoba mengantar pesanan {orderId} Anda tetapi belum berhasil. Silakan cek pemberitahuan pengiriman atau resi {trackingNumber}; pengiriman berikutnya diperkirakan {newEstimate}.',
    'address-problem':
      'Halo {name}, {carrier} melaporkan masalah pada alamat pengiriman pesanan {orderId} (resi {trackingNumber}). Mohon balas dengan alamat yang benar.',
    'lost-parcel':
      'Halo {name}, mohon maaf: paket pesanan {orderId} Anda (resi {trackingNumber}) hilang di {carrier}. Kami mengirimkan pengganti, diperkirakan tiba {newEstimate}.',
    'delivered-confirm':
      'Halo {name}, {carrier} menunjukkan pesanan {orderId} Anda sudah diterima (resi {trackingNumber}). Bisakah Anda mengonfirmasi bahwa pesanan sudah sampai? Terima kasih!',
  },
  th: {
    delay:
      'สวัสดีค่ะคุณ {name} คำสั่งซื้อ {orderId} ของคุณที่จัดส่งโดย {carrier} (หมายเลขพัสดุ {trackingNumber}) ใช้เวลานานกว่าที่คาดไว้ คาดว่าจะได้รับภายใน {newEstimate} เราติดตามให้อยู่และขออภัยในความล่าช้า',
    'failed-attempt':
      'สวัสดีค่ะคุณ {name} {carrier} พยายามจัดส่งคำสั่งซื้อ {orderId} แต่ไม่สำเร็จ กรุณาตรวจสอบใบแจ้งหรือหมายเลขพัสดุ {trackingNumber} คาดว่าจะจัดส่งอีกครั้งภายใน {newEstimate}',
    'address-problem':
      'สวัสดีค่ะคุณ {name} {carrier} แจ้งว่าที่อยู่จัดส่งของคำสั่งซื้อ {orderId} (หมายเลขพัสดุ {trackingNumber}) มีปัญหา กรุณาตอบกลับพร้อมที่อยู่ที่ถูกต้อง',
    'lost-parcel':
      'สวัสดีค่ะคุณ {name} ขออภัยเป็นอย่างยิ่ง {carrier} ทำพัสดุของคำสั่งซื้อ {orderId} (หมายเลขพัสดุ {trackingNumber}) สูญหาย เราจะส่งสินค้าทดแทนให้ คาดว่าจะได้รับภายใน {newEstimate}',
    'delivered-confirm':
      'สวัสดีค่ะคุณ {name} {carrier} แสดงว่าคำสั่งซื้อ {orderId} จัดส่งสำเร็จแล้ว (หมายเลขพัสดุ {trackingNumber}) รบกวนยืนยันว่าได้รับสินค้าแล้ว ขอบคุณค่ะ',
  },
  vi: {
    delay:
      'Chào {name}, đơn hàng {orderId} của bạn do {carrier} vận chuyển (mã vận đơn {trackingNumber}) đang chậm hơn dự kiến. Thời gian giao dự kiến mới: {newEstimate}. Chúng tôi đang theo dõi và xin lỗi vì sự chậm trễ.',
    'failed-attempt':
      'Chào {name}, {carrier} đã thử giao đơn hàng {orderId} nhưng chưa thành công. Vui lòng xem thông báo giao hàng hoặc tra mã vận đơn {trackingNumber}; lần giao tiếp theo dự kiến trước {newEstimate}.',
    'address-problem':
      'Chào {name}, {carrier} báo địa chỉ giao đơn hàng {orderId} (mã vận đơn {trackingNumber}) có vấn đề. Vui lòng trả lời với địa chỉ chính xác.',
    'lost-parcel':
      'Chào {name}, rất xin lỗi: {carrier} đã làm thất lạc kiện hàng của đơn {orderId} (mã vận đơn {trackingNumber}). Chúng tôi sẽ gửi hàng thay thế, dự kiến đến {newEstimate}.',
    'delivered-confirm':
      'Chào {name}, {carrier} cho biết đơn hàng {orderId} đã được giao (mã vận đơn {trackingNumber}). Bạn vui lòng xác nhận đã nhận hàng nhé. Cảm ơn bạn!',
  },
};

/** The buyer's language from the destination market; English when unknown. */
export const REGION_LANGUAGE: Readonly<Record<string, MessageLanguage>> = {
  CN: 'zh-CN',
  HK: 'zh-CN',
  TW: 'zh-CN',
  MX: 'es',
  ES: 'es',
  ID: 'id',
  TH: 'th',
  VN: 'vi',
};

/**
 * The language a buyer wrote in (their order note, a chat message), when the script says it:
 * Han → 简体中文, Thai script → Thai, Vietnamese letters → Vietnamese, ñ ¿ ¡ → Spanish. Null when
 * the text does not tell (Latin text without those marks, other scripts, empty).
 */
export function detectLanguage(text: string): MessageLanguage | null {
  if (/\p{Script=Han}/u.test(text)) return 'zh-CN';
  if (/\p{Script=Thai}/u.test(text)) return 'th';
  if (/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/iu.test(text)) return 'vi';
  if (/[ñ¿¡]/iu.test(text)) return 'es';
  return null;
}

export function buyerLanguage(regionCode: string, known?: string | null): MessageLanguage {
  const parsed = MessageLanguage.safeParse(known ?? '');
  if (parsed.success) return parsed.data;
  return REGION_LANGUAGE[regionCode.trim().toUpperCase()] ?? 'en';
}

/** Which situation a delay reason calls for (the seller may pick another). */
export function situationFor(code: string, exception?: string | null): MessageSituation {
  if (code === 'failed-attempt') return 'failed-attempt';
  if (code === 'exception' && exception === 'lost') return 'lost-parcel';
  if (code === 'returned-to-sender') return 'address-problem';
  return 'delay';
}

const MAX_VALUE = 200;
/** C0 controls, DEL and the bidi overrides/isolates that could reorder the text around them. */
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE = new RegExp('[\\u0000-\\u001f\\u007f\\u202a-\\u202e\\u2066-\\u2069]', 'g');

/** A value as safe plain text: no control characters, no line breaks, at most 200 characters. */
export function cleanValue(value: string): string {
  return value.replace(UNSAFE, ' ').trim().slice(0, MAX_VALUE);
}

/** One pass over the template: `{var}` → value. Unknown `{…}` stays as written. */
export function renderMessage(
  situation: MessageSituation,
  language: MessageLanguage,
  values: MessageValues,
): string {
  const template = TEMPLATES[language][situation];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    (MESSAGE_VARIABLES as readonly string[]).includes(name)
      ? cleanValue(values[name as MessageVariable])
      : whole,
  );
}

/** The longest text the shop takes in one message (not published; kept well under limits seen). */
export const MAX_MESSAGE_CHARS = 2000;

/**
 * Deterministic practice shop data: TikTok-Shop-shaped orders (wire format) and a product
 * catalog. Every order is a pure function of (seed, index, now), so any slice of 100,000 orders
 * can be generated on its own: the renderer seeds in chunks, the sandbox shop pages through them.
 */
import type { ApiOrderInput } from '../domain/api-order';
import type { ProductRow, StockRow } from '../domain/product';
import { withCheckDigit } from './gtin';

export const PRACTICE_SEED = 20261126;

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mix(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

function pick<T>(rand: () => number, items: readonly T[]): T {
  const item = items[Math.floor(rand() * items.length)];
  if (item === undefined) throw new Error('pick from empty list');
  return item;
}

function int(rand: () => number, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

function cents(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A bijection index → 16 digits (multiplier coprime with 10), so ids never collide. */
function digits16(index: number, salt: bigint): string {
  const mod = 10n ** 16n;
  const value = (BigInt(index) * 1_000_003n + salt) % mod;
  return value.toString().padStart(16, '0');
}

export function practiceOrderId(index: number): string {
  return `57${digits16(index, 6_140_113_038_785n)}`;
}

export function practicePackageId(index: number): string {
  return `115${digits16(index, 2_718_281_828_459n)}`;
}

export function practiceTrackingNumber(index: number): string {
  return `TT${digits16(index, 3_141_592_653_589n).slice(4)}US`;
}

// ---------------------------------------------------------------- catalog

const PRODUCTS: ReadonlyArray<{
  name: string;
  sku: string;
  variants: readonly string[];
  price: number;
  grams: number;
  handling: ProductRow['handling'];
  dangerous?: boolean;
}> = [
  {
    name: 'Cotton Crew Tee',
    sku: 'TEE',
    variants: ['Black / S', 'Black / M', 'White / L'],
    price: 1599,
    grams: 180,
    handling: [],
  },
  {
    name: '保温杯 Thermal Bottle 500ml',
    sku: 'BTL',
    variants: ['Silver', 'Rose'],
    price: 2499,
    grams: 320,
    handling: ['fragile'],
  },
  {
    name: 'Hydrating Face Serum 30ml',
    sku: 'SRM',
    variants: ['30ml'],
    price: 1899,
    grams: 90,
    handling: ['liquid', 'fragile'],
  },
  {
    name: 'Power Bank 10000mAh',
    sku: 'PWB',
    variants: ['Black', 'White'],
    price: 2999,
    grams: 230,
    handling: ['battery'],
    dangerous: true,
  },
  {
    name: 'Phone Case 手机壳',
    sku: 'CASE',
    variants: ['iPhone 16', 'iPhone 16 Pro', 'Galaxy S25'],
    price: 999,
    grams: 45,
    handling: [],
  },
  {
    name: 'Ceramic Mug',
    sku: 'MUG',
    variants: ['Blue', 'Green'],
    price: 1299,
    grams: 400,
    handling: ['fragile'],
  },
  {
    name: 'Hair Clips Set (12 pcs)',
    sku: 'CLIP',
    variants: ['Pastel', 'Pearl'],
    price: 699,
    grams: 60,
    handling: [],
  },
  {
    name: 'Wireless Earbuds',
    sku: 'EARB',
    variants: ['Black'],
    price: 3999,
    grams: 110,
    handling: ['battery'],
    dangerous: true,
  },
  {
    name: 'عطر مسك Musk Perfume 50ml',
    sku: 'PRF',
    variants: ['50ml'],
    price: 3499,
    grams: 210,
    handling: ['liquid', 'fragile'],
  },
  {
    name: 'Yoga Mat',
    sku: 'YOGA',
    variants: ['Purple', 'Grey'],
    price: 2799,
    grams: 900,
    handling: [],
  },
  {
    name: 'Sticker Pack',
    sku: 'STK',
    variants: ['Cats', 'Space'],
    price: 399,
    grams: 20,
    handling: [],
  },
  {
    name: 'LED Desk Lamp',
    sku: 'LAMP',
    variants: ['White'],
    price: 2299,
    grams: 650,
    handling: ['fragile'],
  },
];

export interface PracticeSku {
  product: ProductRow;
  price: number; // cents
}

/** The practice catalog: every SKU has a seller SKU; most have a UPC-A or EAN-13; a few none. */
export function practiceCatalog(seed = PRACTICE_SEED): PracticeSku[] {
  const rand = prng(seed);
  const skus: PracticeSku[] = [];
  PRODUCTS.forEach((p, pi) => {
    p.variants.forEach((variant, vi) => {
      const n = skus.length;
      const skuId = `17${String(3_000_000_000_000_000 + n * 7919).padStart(17, '0')}`;
      const sellerSku = `PB-${p.sku}-${String(vi + 1).padStart(2, '0')}`;
      const barcodes: string[] = [];
      if (n % 9 !== 8) {
        // Most SKUs carry a GTIN: UPC-A for even, EAN-13 for odd; a few carry none.
        const body =
          n % 2 === 0
            ? `0${String(12345 + pi).padStart(5, '0')}${String(10000 + n).padStart(5, '0')}`
            : `69${String(20000 + pi).padStart(5, '0')}${String(10000 + n).padStart(5, '0')}`;
        barcodes.push(withCheckDigit(body));
      }
      barcodes.push(sellerSku);
      skus.push({
        product: {
          id: skuId,
          productId: `172${String(9_000_000_000_000_000 + pi * 104_729).padStart(16, '0')}`,
          sellerSku,
          productName: p.name,
          skuName: variant,
          barcodes,
          handling: [...p.handling],
          weightGrams: p.grams,
          practice: true,
        },
        price: p.price + int(rand, 0, 2) * 100,
      });
    });
  });
  return skus;
}

export function practiceStock(catalog: readonly PracticeSku[], now: number): StockRow[] {
  return catalog.map((s, i) => ({
    skuId: s.product.id,
    // A couple of SKUs run short so stock checks have something to say.
    onHand: i % 11 === 5 ? 2 : 500 + i * 13,
    reserved: 0,
    updatedAt: now,
  }));
}

// ---------------------------------------------------------------- recipients

interface Place {
  region: string;
  currency: string;
  phone: (r: () => number) => string;
  names: readonly string[];
  build: (r: () => number) => { lines: string[]; districts: string[]; postal: string };
}

const US: Place = {
  region: 'US',
  currency: 'USD',
  phone: (r) => `(+1)${int(r, 201, 989)}${int(r, 200, 999)}${int(r, 1000, 9999)}`,
  names: [
    'Emily Johnson',
    'Michael Brown',
    'Sofia Martinez',
    'James O’Connor',
    'Aaliyah Williams',
    'Chen Wei',
    'Fatima Al-Sayed',
    'Robert "Bob" Smith',
  ],
  build: (r) => {
    const city = pick(r, [
      ['Los Angeles', 'California', 'CA', '900'],
      ['Houston', 'Texas', 'TX', '770'],
      ['Brooklyn', 'New York', 'NY', '112'],
      ['Seattle', 'Washington', 'WA', '981'],
    ] as const);
    const street = `${int(r, 1, 9999)} ${pick(r, ['Maple Ave', 'Sunset Blvd', 'W 34th St', 'Pine Street'])}`;
    const unit = r() < 0.4 ? `Apt ${int(r, 1, 40)}${pick(r, ['A', 'B', 'C'])}` : '';
    const postal = `${city[3]}${String(int(r, 1, 99)).padStart(2, '0')}`;
    return {
      lines: [street, unit].filter((l) => l.length > 0),
      districts: ['United States', city[1], city[0]],
      postal,
    };
  },
};

const MY_CJK: Place = {
  region: 'MY',
  currency: 'MYR',
  phone: (r) => `(+60)1${int(r, 0, 9)}${int(r, 1000000, 9999999)}`,
  names: ['陈美玲', '林志强', '黄丽华', '张伟', '欧阳娜娜', '李小龙'],
  build: (r) => {
    const long = r() < 0.35;
    const line = long
      ? `吉隆坡联邦直辖区武吉免登金三角商业中心第${int(r, 1, 60)}层${int(r, 1, 30)}号单位，请从东侧货运电梯上楼后右转，前台签收并电话联系收件人`
      : `${int(r, 1, 200)}号，${pick(r, ['茨厂街', '苏丹街', '惹兰亚罗'])}`;
    return {
      lines: [line],
      districts: ['Malaysia', 'Kuala Lumpur', pick(r, ['Bukit Bintang', 'Cheras', 'Kepong'])],
      postal: String(int(r, 50000, 60000)),
    };
  },
};

const SA_AR: Place = {
  region: 'SA',
  currency: 'SAR',
  phone: (r) => `(+966)5${int(r, 0, 9)}${int(r, 1000000, 9999999)}`,
  names: ['محمد العتيبي', 'فاطمة الزهراء', 'عبد الله بن سعيد', 'نورة القحطاني'],
  build: (r) => {
    const long = r() < 0.35;
    const line = long
      ? `حي ${pick(r, ['العليا', 'النخيل', 'الملقا'])}، شارع الأمير محمد بن عبد العزيز، مبنى رقم ${int(r, 1, 9000)}، الدور ${int(r, 1, 12)}، شقة ${int(r, 1, 40)}، بجوار المسجد الكبير ومقابل الصيدلية`
      : `شارع الملك فهد ${int(r, 1, 900)}`;
    return {
      lines: [line],
      districts: ['المملكة العربية السعودية', 'الرياض', pick(r, ['العليا', 'النخيل', 'الملقا'])],
      postal: String(int(r, 11000, 14999)),
    };
  },
};

const GB: Place = {
  region: 'GB',
  currency: 'GBP',
  phone: (r) => `(+44)7${int(r, 100000000, 999999999)}`,
  names: ['Oliver Smith', 'Amelia Jones', 'Zoë Brontë', 'Harry Patel'],
  build: (r) => ({
    lines: [`${int(r, 1, 200)} ${pick(r, ['High Street', 'Church Lane', 'Station Road'])}`],
    districts: ['United Kingdom', 'England', pick(r, ['London', 'Manchester', 'Leeds'])],
    postal: pick(r, ['SW1A 1AA', 'M1 1AE', 'LS1 4AP', 'EC1A 1BB']),
  }),
};

function maskName(name: string): string {
  return name
    .split(' ')
    .map((w) => {
      const chars = [...w];
      if (chars.length <= 1) return w;
      return `${chars[0]}***${chars.length > 2 ? chars.at(-1) : ''}`;
    })
    .join(' ');
}

function maskPhone(phone: string): string {
  const m = /^(\(\+\d+\))(\d+)$/.exec(phone);
  if (!m || !m[1] || !m[2]) return phone;
  const digits = m[2];
  return `${m[1]}${digits.slice(0, 3)}-***-${digits.slice(-4)}`;
}

// ---------------------------------------------------------------- orders

const HOUR = 3600;

export interface PracticeOrderOptions {
  seed?: number;
  /** Unix seconds; "now" for the generated ship-by times. */
  nowSeconds: number;
  catalog: readonly PracticeSku[];
}

/** The practice order at `index`, in the API wire format. */
export function practiceOrder(index: number, opts: PracticeOrderOptions): ApiOrderInput {
  const seed = opts.seed ?? PRACTICE_SEED;
  const r = prng(mix(seed, index));
  const roll = r();
  const status =
    roll < 0.04
      ? 'ON_HOLD'
      : roll < 0.06
        ? 'CANCELLED'
        : roll < 0.11
          ? 'AWAITING_COLLECTION'
          : 'AWAITING_SHIPMENT';
  const place = pick(r, [US, US, US, MY_CJK, SA_AR, GB]);
  const shippingType = r() < 0.6 ? 'TIKTOK' : 'SELLER';
  const built = place.build(r);
  const rawName = pick(r, place.names);
  const rawPhone = place.phone(r);
  const masked = shippingType === 'TIKTOK';
  const name = masked ? maskName(rawName) : rawName;
  const phone = masked ? maskPhone(rawPhone) : rawPhone;

  const created = opts.nowSeconds - int(r, 1, 72) * HOUR - int(r, 0, 3599);
  const shipBy = opts.nowSeconds + int(r, -6, 72) * HOUR + int(r, 0, 3599);
  const orderId = practiceOrderId(index);
  const packageId = practicePackageId(index);
  const shipped = status === 'AWAITING_COLLECTION';
  const tracking = shipped ? practiceTrackingNumber(index) : '';

  const skuCount = r() < 0.55 ? 1 : int(r, 2, 5);
  const chosen = new Set<number>();
  while (chosen.size < skuCount) chosen.add(int(r, 0, opts.catalog.length - 1));
  const lineItems: ApiOrderInput['line_items'] = [];
  let subTotal = 0;
  let lineNo = 0;
  for (const ci of chosen) {
    const sku = opts.catalog[ci];
    if (!sku) continue;
    const qty = r() < 0.75 ? 1 : int(r, 2, 3);
    for (let u = 0; u < qty; u += 1) {
      lineNo += 1;
      subTotal += sku.price;
      lineItems.push({
        id: `57${digits16(index * 64 + lineNo, 1_618_033_988_749n)}`,
        sku_id: sku.product.id,
        seller_sku: sku.product.sellerSku,
        product_id: sku.product.productId,
        product_name: sku.product.productName,
        sku_name: sku.product.skuName,
        sale_price: cents(sku.price),
        original_price: cents(sku.price),
        seller_discount: '0.00',
        platform_discount: '0.00',
        currency: place.currency,
        package_id: packageId,
        tracking_number: tracking,
        shipping_provider_id: shipped ? '7117858858072016686' : '',
        shipping_provider_name: shipped ? 'USPS' : '',
        is_dangerous_good: sku.product.handling.includes('battery'),
        is_gift: false,
      });
    }
  }
  const shippingFee = subTotal >= 3500 ? 0 : 499;
  const discount = r() < 0.25 ? Math.min(300, Math.floor(subTotal / 10)) : 0;
  const tax = place.region === 'US' ? Math.round((subTotal - discount) * 0.0725) : 0;
  const total = subTotal + shippingFee - discount + tax;
  const onHold = status === 'ON_HOLD';
  const cancelRequest = status === 'AWAITING_SHIPMENT' && r() < 0.03;

  const order: ApiOrderInput = {
    id: orderId,
    /** The buyer (customer service conversations): `76` + the order's digits. */
    user_id: `76${orderId.slice(2)}`,
    status,
    create_time: created,
    update_time: created + int(r, 60, 3 * HOUR),
    paid_time: created + 30,
    rts_sla_time: shipBy,
    shipping_type: shippingType,
    delivery_option_id: shippingType === 'TIKTOK' ? '7091146663229654785' : '7129736193901528878',
    delivery_option_name: shippingType === 'TIKTOK' ? 'Standard shipping' : 'Send by seller',
    warehouse_id: '7068517275539719942',
    buyer_message:
      r() < 0.15
        ? pick(r, [
            'Please pack carefully, it is a gift 🎁',
            '请不要放发票',
            '<b>leave at door</b>',
            'يرجى الاتصال قبل التوصيل',
          ])
        : '',
    seller_note: r() < 0.1 ? 'VIP buyer — add a thank-you card' : '',
    is_on_hold_order: onHold,
    is_buyer_request_cancel: cancelRequest,
    packages: [{ id: packageId }],
    payment: {
      currency: place.currency,
      sub_total: cents(subTotal),
      shipping_fee: cents(shippingFee),
      seller_discount: cents(discount),
      platform_discount: '0.00',
      tax: cents(tax),
      total_amount: cents(total),
    },
    line_items: lineItems,
  };
  if (!onHold) {
    // The API leaves the address out of ON_HOLD (and UNPAID) orders.
    const [line1, line2] = built.lines;
    order.recipient_address = {
      name,
      phone_number: phone,
      full_address: [...built.lines, ...[...built.districts].reverse(), built.postal].join(', '),
      ...(line1 !== undefined ? { address_line1: line1 } : {}),
      ...(line2 !== undefined ? { address_line2: line2 } : {}),
      postal_code: built.postal,
      region_code: place.region,
      district_info: built.districts.map((d, i) => ({
        address_level_name: ['country', 'state', 'city', 'district'][i] ?? 'district',
        address_name: d,
        address_level: `L${i}`,
      })),
    };
  }
  return order;
}

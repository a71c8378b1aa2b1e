/**
 * The one bridge contract between the renderer and the Node side. The Electron preload serves it
 * over IPC (channel `pb:<method>`), the web host over HTTP (`POST /api/<method>`). Everything else
 * (handler table, preload object, HTTP client) is derived from these tables.
 */
import { z } from 'zod';
import type { ApiOrder } from '../domain/api-order';
import type { Result } from '../utils/result';
import {
  JobId,
  OperatorName,
  PaperName,
  PrinterHost,
  PrinterPort,
  PrintRoute,
  ZplJob,
} from '../logic/printing/bridge-schemas';
import type { HostStatus } from '../logic/printing/host-status';
import type { PrinterSummary, PrintJobRecord, ZplReceipt } from '../logic/printing/print-job';
import { trackingMethods } from './contract-tracking';
import { returnsMethods } from './contract-returns';
import { scaleMethods } from './contract-scale';
import {
  BackupDbName,
  BackupFileName,
  BackupSummary,
  type BackupInfo,
  type JournalPageInfo,
} from './recovery';

/** Phantom carrier for a method's success type; no runtime value. */
export function returns<T>(): T {
  return undefined as T;
}

/** Codes every method may return in addition to its own. */
export const COMMON_ERRORS = [
  'invalid-args',
  'forbidden',
  'internal',
  'unavailable-in-host',
  /** Client side: the host did not answer (web host stopped, or a timeout). */
  'host-unreachable',
] as const;
export type CommonErrorCode = (typeof COMMON_ERRORS)[number];

export interface MethodSpec {
  readonly args: z.ZodType;
  readonly ok: unknown;
  readonly errors: readonly string[];
}
export type MethodTable = Record<string, MethodSpec>;

export type HostKind = 'electron' | 'web';

export interface AppInfo {
  appName: string;
  version: string;
  host: HostKind;
  /** True while no real shop is connected: the practice shop serves orders. */
  practice: boolean;
  platform: string;
  dataDir: string;
}

export interface JournalReceipt {
  appended: number;
  bytes: number;
}

export interface ExportReceipt {
  path: string;
  bytes: number;
}

const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
const SafeName = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[\w.-]+$/, 'letters, digits, dot, dash and underscore only')
  .refine((n) => !n.startsWith('.'), 'no leading dot');

export const JournalEntry = z.strictObject({
  id: z.string().min(1).max(200),
  kind: z.string().min(1).max(80),
  at: z.number().finite(),
  payload: z.record(z.string(), z.unknown()),
});
export type JournalEntry = z.infer<typeof JournalEntry>;

/* ---- shop (TikTok Shop Open API; secrets never cross the bridge) ---- */
export interface ShopStatusInfo {
  mode: 'connected' | 'practice' | 'not-connected';
  shopName: string | null;
  host: string | null;
  lastError: { action: string; reason: string; message: string } | null;
  lastSuccessAt: number | null;
}
export interface ShopConnectionTest {
  result:
    | 'ok'
    | 'not-connected'
    | 'bad-signature'
    | 'token-expired'
    | 'token-invalid'
    | 'missing-scope'
    | 'clock-skew'
    | 'no-network'
    | 'rate-limited'
    | 'server-error'
    | 'other';
  message: string;
}
export interface ShopOrderParseError {
  index: number;
  id: string | null;
  message: string;
}
export interface ShopOrderPage {
  orders: ApiOrder[];
  parseErrors: ShopOrderParseError[];
  nextPageToken: string;
  totalCount: number;
}
export interface ShopPackageInfo {
  id: string;
  package_status: string;
  order_line_item_ids: string[];
  orders: Array<{ id: string }>;
  shipping_type: string;
  delivery_option_id: string;
  handover_method: string;
  tracking_number: string;
  shipping_provider_id: string;
  shipping_provider_name: string;
}
export interface ShopMarkShippedReceipt {
  /** The package the shop made for the shipped lines, when it names one. */
  packageId: string | null;
  /** G14: Mark As Shipped may succeed with a warning ("match more than one provider"). */
  warning: string | null;
}
/** Error codes of shop methods: the outcome class; the message starts with the specific reason. */
export const SHOP_ERRORS = [
  'not-connected',
  'auth',
  'rate-limited',
  'retryable',
  'permanent',
  'ambiguous',
  'already-done',
] as const;
const ShopId = z.string().regex(/^\d{1,30}$/, 'digits only');
/** `secure-storage-unavailable`: no keychain here (web host, or Linux with basic_text). */
export const SHOP_CONNECT_ERRORS = [
  'secure-storage-unavailable',
  'invalid-credentials',
  'storage-failed',
] as const;
/** Settings › Connect a shop. `region` picks the official API host; `baseUrl` overrides it. */
export const ShopConnectArgs = z.strictObject({
  region: z.enum(['global']).optional(),
  baseUrl: z.string().trim().max(300).optional(),
  appKey: z.string().trim().min(1, 'is required').max(100),
  appSecret: z.string().trim().min(1, 'is required').max(200),
  accessToken: z.string().trim().min(1, 'is required').max(2000),
  refreshToken: z.string().trim().max(2000).optional(),
  shopCipher: z.string().trim().min(1, 'is required').max(200),
});
export type ShopConnectArgs = z.input<typeof ShopConnectArgs>;

export const methods = {
  'app.getInfo': {
    args: z.strictObject({}),
    ok: returns<AppInfo>(),
    errors: [],
  },
  'app.log': {
    args: z.strictObject({
      level: LogLevel,
      message: z.string().max(4000),
      context: z.record(z.string(), z.unknown()).optional(),
    }),
    ok: returns<null>(),
    errors: [],
  },
  'journal.append': {
    args: z.strictObject({ entries: z.array(JournalEntry).min(1).max(1000) }),
    ok: returns<JournalReceipt>(),
    errors: ['disk-full', 'io-error'],
  },
  /** Reads the outbox journal back (recovery), a page of lines at a time. */
  'journal.read': {
    args: z.strictObject({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(5000).default(2000),
    }),
    ok: returns<JournalPageInfo>(),
    errors: ['io-error'],
  },
  /** An automatic backup of the station database into the host's data folder (rotated). */
  'backup.write': {
    args: z.strictObject({
      summary: BackupSummary,
      /** JSON text of the raw export; 256 MB cap. */
      content: z.string().max(256 * 1024 * 1024),
    }),
    ok: returns<BackupInfo>(),
    errors: ['disk-full', 'io-error'],
  },
  'backup.list': {
    args: z.strictObject({ dbName: BackupDbName }),
    ok: returns<BackupInfo[]>(),
    errors: ['io-error'],
  },
  'backup.read': {
    args: z.strictObject({ name: BackupFileName }),
    ok: returns<{ content: string }>(),
    errors: ['not-found', 'io-error'],
  },
  'files.exportBackup': {
    args: z.strictObject({
      fileName: SafeName,
      /** JSON text of the export; 256 MB cap. */
      content: z.string().max(256 * 1024 * 1024),
    }),
    ok: returns<ExportReceipt>(),
    errors: ['disk-full', 'io-error'],
  },
  'printer.list': {
    args: z.strictObject({}),
    ok: returns<PrinterSummary[]>(),
    errors: [],
  },
  /** Silent print of a renderer print route to a system printer (Electron only). */
  'printer.printLabel': {
    args: z.strictObject({
      route: PrintRoute,
      /** The system name from printer.list; never empty (that would mean "default printer"). */
      deviceName: z.string().min(1).max(256),
      paper: PaperName,
      requestedBy: OperatorName,
    }),
    ok: returns<PrintJobRecord>(),
    errors: [
      'printer-not-found',
      'unknown-outcome',
      'print-failed',
      'print-cancelled',
      'invalid-printer-settings',
      'invalid-page-size',
    ],
  },
  /** An explicit reprint: a new job linked to `jobId`, with a reason. */
  'printer.reprint': {
    args: z.strictObject({
      jobId: JobId,
      reason: z.string().trim().min(3).max(500),
      requestedBy: OperatorName,
    }),
    ok: returns<PrintJobRecord>(),
    errors: [
      'printer-not-found',
      'unknown-outcome',
      'print-failed',
      'print-cancelled',
      'invalid-printer-settings',
      'invalid-page-size',
      'job-not-found',
      'job-in-progress',
    ],
  },
  /** Print history of this session, newest first. */
  'printer.jobs': {
    args: z.strictObject({}),
    ok: returns<PrintJobRecord[]>(),
    errors: [],
  },
  'zpl.status': {
    args: z.strictObject({ host: PrinterHost, port: PrinterPort }),
    ok: returns<HostStatus>(),
    errors: ['offline', 'timeout', 'malformed-status'],
  },
  'zpl.send': {
    args: z.strictObject({ host: PrinterHost, port: PrinterPort, jobId: JobId, zpl: ZplJob }),
    ok: returns<ZplReceipt>(),
    errors: [
      'offline',
      'timeout',
      'paper-out',
      'head-open',
      'paused',
      'ribbon-out',
      'malformed-status',
      'unknown-outcome',
      'duplicate-job',
    ],
  },
  'shop.status': { args: z.strictObject({}), ok: returns<ShopStatusInfo>(), errors: [] },
  'shop.testConnection': {
    args: z.strictObject({}),
    ok: returns<ShopConnectionTest>(),
    errors: [],
  },
  /** Secrets go in only: the answer is the same status snapshot as `shop.status`. */
  'shop.connect': {
    args: ShopConnectArgs,
    ok: returns<ShopStatusInfo>(),
    errors: SHOP_CONNECT_ERRORS,
  },
  /** Forgets stored credentials and returns to the practice shop. */
  'shop.disconnect': {
    args: z.strictObject({}),
    ok: returns<ShopStatusInfo>(),
    errors: SHOP_CONNECT_ERRORS,
  },
  'shop.searchOrders': {
    args: z.strictObject({
      pageSize: z.number().int().min(1).max(100).default(100),
      pageToken: z.string().max(4000).optional(),
      sortField: z.enum(['create_time', 'update_time']).optional(),
      sortOrder: z.enum(['ASC', 'DESC']).optional(),
      orderStatus: z
        .enum([
          'UNPAID',
          'ON_HOLD',
          'AWAITING_SHIPMENT',
          'PARTIALLY_SHIPPING',
          'AWAITING_COLLECTION',
          'IN_TRANSIT',
          'DELIVERED',
          'COMPLETED',
          'CANCELLED',
        ])
        .optional(),
      updateTimeGe: z.number().int().min(0).optional(),
      updateTimeLt: z.number().int().min(0).optional(),
    }),
    ok: returns<ShopOrderPage>(),
    errors: SHOP_ERRORS,
  },
  'shop.getOrders': {
    args: z.strictObject({ ids: z.array(ShopId).min(1).max(50) }),
    ok: returns<{ orders: ApiOrder[]; parseErrors: ShopOrderParseError[] }>(),
    errors: SHOP_ERRORS,
  },
  'shop.getPackage': {
    args: z.strictObject({ packageId: ShopId }),
    ok: returns<ShopPackageInfo>(),
    errors: SHOP_ERRORS,
  },
  'shop.shipPackage': {
    args: z.strictObject({
      packageId: ShopId,
      handoverMethod: z.enum(['PICKUP', 'DROP_OFF']).optional(),
      selfShipment: z
        .strictObject({
          trackingNumber: z.string().trim().min(1).max(60),
          shippingProviderId: ShopId,
        })
        .optional(),
      idempotencyKey: z.string().min(1).max(255),
    }),
    ok: returns<null>(),
    errors: SHOP_ERRORS,
  },
  /** Mark Package As Shipped: seller shipping with the seller's own carrier (G11 markets only). */
  'shop.markShipped': {
    args: z.strictObject({
      orderId: ShopId,
      trackingNumber: z.string().trim().min(1).max(60),
      shippingProviderId: ShopId,
      /** A partial shipment's lines; absent ships the whole order. */
      orderLineItemIds: z.array(ShopId).min(1).max(500).optional(),
      idempotencyKey: z.string().min(1).max(255),
    }),
    ok: returns<ShopMarkShippedReceipt>(),
    errors: SHOP_ERRORS,
  },
  /**
   * Corrects the tracking of a seller-shipped, shipped package (G13: order scope within 72 h of
   * shipping, once). `package` scope is the per-package variant for split orders.
   */
  'shop.updateShippingInfo': {
    args: z.discriminatedUnion('scope', [
      z.strictObject({
        scope: z.literal('order'),
        orderId: ShopId,
        trackingNumber: z.string().trim().min(1).max(60),
        shippingProviderId: ShopId,
        idempotencyKey: z.string().min(1).max(255),
      }),
      z.strictObject({
        scope: z.literal('package'),
        packageId: ShopId,
        trackingNumber: z.string().trim().min(1).max(60),
        shippingProviderId: ShopId,
        idempotencyKey: z.string().min(1).max(255),
      }),
    ]),
    ok: returns<null>(),
    errors: SHOP_ERRORS,
  },
  'shop.getShippingDocument': {
    args: z.strictObject({
      packageId: ShopId,
      documentType: z
        .enum(['SHIPPING_LABEL', 'PACKING_SLIP', 'SHIPPING_LABEL_AND_PACKING_SLIP'])
        .default('SHIPPING_LABEL'),
      documentSize: z.enum(['A6', 'A5']).default('A6'),
    }),
    ok: returns<{ pdfBase64: string; trackingNumber: string; bytes: number }>(),
    errors: SHOP_ERRORS,
  },
  'shop.getTracking': {
    args: z.strictObject({ orderId: ShopId }),
    ok: returns<{ tracking: Array<{ description: string; update_time_millis: number }> }>(),
    errors: SHOP_ERRORS,
  },
  'shop.getShippingProviders': {
    args: z.strictObject({ deliveryOptionId: ShopId }),
    ok: returns<{ shipping_providers: Array<{ id: string; name: string }> }>(),
    errors: SHOP_ERRORS,
  },
  ...scaleMethods,
  ...returnsMethods,
  ...trackingMethods,
} as const satisfies MethodTable;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export type ArgsOf<M extends MethodName> = z.input<Methods[M]['args']>;
export type ParsedArgsOf<M extends MethodName> = z.output<Methods[M]['args']>;
export type OkOf<M extends MethodName> = Methods[M]['ok'];
export type ErrorCodeOf<M extends MethodName> = Methods[M]['errors'][number] | CommonErrorCode;

export interface BridgeError<C extends string = string> {
  code: C;
  message: string;
  /**
   * `rate-limited` only: the shop's last Retry-After, in ms, when it sent one. The host has
   * already waited and retried; the caller may hold further calls this long.
   */
  retryAfterMs?: number;
}
export type BridgeResult<M extends MethodName> = Result<OkOf<M>, BridgeError<ErrorCodeOf<M>>>;

/** Events from the host to the UI. */
export const events = {
  'net.connectivityChanged': returns<{ online: boolean }>(),
  'app.log': returns<{ level: z.infer<typeof LogLevel>; message: string }>(),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export const EVENT_NAMES = Object.keys(events) as EventName[];

/**
 * The object the renderer sees as `window.packbench`: `api.app.getInfo({})` and so on, plus `on`.
 * Derived from the method table so the three sides cannot drift.
 */
type Split<S extends string> = S extends `${infer D}.${infer V}` ? [D, V] : never;
type Domains = Split<MethodName>[0];
type VerbsOf<D extends string> = {
  [M in MethodName as Split<M>[0] extends D ? Split<M>[1] : never]: (
    args: ArgsOf<M>,
  ) => Promise<BridgeResult<M>>;
};
export type Api = { readonly [D in Domains]: VerbsOf<D> } & {
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
};

export function splitMethod(name: MethodName): [string, string] {
  const dot = name.indexOf('.');
  return [name.slice(0, dot), name.slice(dot + 1)];
}

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** Builds the Api object from one generic call function; used by the preload and the HTTP client. */
export function buildApi(
  call: (method: MethodName, args: unknown) => Promise<unknown>,
  on: (event: EventName, listener: (payload: unknown) => void) => () => void,
): Api {
  const api: Record<string, Record<string, (args: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [domain, verb] = splitMethod(name);
    const table = (api[domain] ??= {});
    table[verb] = (args: unknown) => call(name, args);
  }
  return Object.freeze({
    ...api,
    on: (event: EventName, listener: (payload: unknown) => void) => {
      if (!isEventName(event)) throw new Error(`Unknown event ${String(event)}`);
      return on(event, listener);
    },
  }) as unknown as Api;
}

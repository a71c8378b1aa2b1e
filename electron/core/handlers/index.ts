import { join } from 'node:path';
import type { AppInfo } from '#shared/bridge/contract';
import { err, ok } from '#shared/utils/result';
import { createBackupStore } from '../services/backups';
import { writeExport } from '../services/exports';
import { describeFsError, diskErrorCode } from '../services/fs-errors';
import { createJournal } from '../services/journal';
import type { PdfPrinter } from '../ports/pdf-printer';
import type { SecretStorePort } from '../ports/secret-store';
import type { SerialPortHost } from '../ports/serial-port';
import type { ShopCredentials } from '../services/shop/provisioning';
import { createPrintingHandlers } from './printing';
import { createRecoveryHandlers } from './recovery';
import { createDefaultShopService, type ShopService } from '../services/shop/service';
import { createShopHandlers } from './shop';
import { createTrackingHandlers } from './tracking';
import { createScaleHandlers } from './scale';
import { createReturnsHandlers } from './returns';
import type { Handlers, Logger } from './types';

export interface CoreDeps {
  info: AppInfo;
  dataDir: string;
  log: Logger;
  /** System printers (Electron main supplies one); absent in the web host. */
  pdfPrinter?: PdfPrinter | null;
  /** The shop connection (TikTok Shop or the embedded sandbox); not connected when absent. */
  shop?: ShopService;
  /** Encrypted shop credentials (Electron main: safeStorage); absent in the web host. */
  secrets?: SecretStorePort | null;
  /** Credentials of the embedded practice shop, for Settings › Disconnect. */
  practiceShop?: () => Promise<ShopCredentials>;
  /** Serial scales; the `serialport` package is loaded on first use when absent. */
  serial?: SerialPortHost;
}

/** The handler table both hosts serve. */
export function createHandlers(deps: CoreDeps): Handlers {
  // One shop service for every handler group that talks to the shop.
  deps.shop ??= createDefaultShopService();
  const journal = createJournal(join(deps.dataDir, 'journal', 'outbox.jsonl'));
  const backups = createBackupStore({ dir: join(deps.dataDir, 'backups') });
  return {
    ...createRecoveryHandlers({ journal, backups, log: deps.log }),
    ...createPrintingHandlers({ log: deps.log, pdfPrinter: deps.pdfPrinter ?? null }),
    ...createShopHandlers(deps.shop ?? createDefaultShopService(), {
      secrets: deps.secrets ?? null,
      practiceShop: deps.practiceShop ?? null,
      onModeChange: (practice) => {
        deps.info.practice = practice;
      },
    }),
    ...createReturnsHandlers(deps.shop),
    ...createScaleHandlers({ log: deps.log, ...(deps.serial ? { serial: deps.serial } : {}) }),
    ...createTrackingHandlers(deps.shop),
    'app.getInfo': async () => ok(deps.info),
    'app.log': async ({ level, message, context }) => {
      deps.log[level](`renderer: ${message}`, context);
      return ok(null);
    },
    'journal.append': async ({ entries }) => {
      try {
        const bytes = await journal.append(entries);
        return ok({ appended: entries.length, bytes });
      } catch (cause) {
        deps.log.error('journal append failed', { error: String(cause) });
        return err({ code: diskErrorCode(cause), message: describeFsError(cause) });
      }
    },
    'files.exportBackup': async ({ fileName, content }) => {
      try {
        return ok(await writeExport(join(deps.dataDir, 'exports'), fileName, content));
      } catch (cause) {
        deps.log.error('export failed', { error: String(cause) });
        return err({ code: diskErrorCode(cause), message: describeFsError(cause) });
      }
    },
  };
}

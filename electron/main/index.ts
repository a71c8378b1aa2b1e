/**
 * Electron main process: single-instance lock, the app:// protocol, security guards, the IPC
 * adapter, the menu and the main window. Everything with logic lives in small pure modules next
 * to this file and is unit-tested without an Electron binary; this file only wires them up.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import type { AppInfo } from '#shared/bridge/contract';
import { createDispatch } from '../core/handlers/dispatch';
import { createHandlers } from '../core/handlers/index';
import { startShopConnection } from '../core/services/shop/bootstrap';
import { createLogger } from '../core/services/logger';
import { APP_SCHEME, APP_START_URL } from './app-origin';
import { createEventBroadcaster, registerIpc } from './ipc/register';
import { buildMenuTemplate } from './menu';
import { createSafeStorageSecretStore } from './secrets';
import { applyWebContentsGuards } from './security/navigation';
import {
  createPermissionCheckHandler,
  createPermissionRequestHandler,
} from './security/permissions';
import { createAppProtocolHandler } from './windows/app-protocol';
import { createElectronPdfPrinter } from './print/pdf-printer';
import { createWindowOptions, MIN_HEIGHT, MIN_WIDTH } from './windows/window-options';
import {
  clampToDisplays,
  loadWindowState,
  saveWindowState,
  type WindowState,
  type WindowStateFs,
} from './windows/window-state';

const here = dirname(fileURLToPath(import.meta.url));
const PRELOAD_PATH = join(here, '..', 'preload', 'index.cjs');
const RENDERER_DIR = join(here, '..', 'renderer');
const log = createLogger({ level: process.env.PACKBENCH_LOG === 'debug' ? 'debug' : 'info' });
const stateFs: WindowStateFs = { readFile, writeFile, rename, mkdir };

// Must run before `ready`: a standard + secure scheme gets a real origin, so IndexedDB,
// localStorage and fetch work on app://bundle (reference/reliability.md §2.3).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
  },
]);
app.enableSandbox();

let mainWindow: BrowserWindow | null = null;

/** Host → UI events (`pb-event:<name>`). Device services (scale, printer, net) get this. */
export const emitHostEvent = createEventBroadcaster(() =>
  BrowserWindow.getAllWindows().map((w) => w.webContents),
);

function windowStateFile(): string {
  return join(app.getPath('userData'), 'window-state.json');
}

async function restoredState(): Promise<WindowState | null> {
  const stored = await loadWindowState(stateFs, windowStateFile());
  if (!stored) return null;
  const areas = screen.getAllDisplays().map((d) => d.workArea);
  return clampToDisplays(stored, areas, { width: MIN_WIDTH, height: MIN_HEIGHT });
}

async function createMainWindow(): Promise<BrowserWindow> {
  const state = await restoredState();
  const win = new BrowserWindow(createWindowOptions({ preloadPath: PRELOAD_PATH, state }));
  mainWindow = win;
  if (state?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    const next: WindowState = {
      x: Math.round(b.x),
      y: Math.round(b.y),
      width: Math.round(b.width),
      height: Math.round(b.height),
      maximized: win.isMaximized(),
    };
    saveWindowState(stateFs, windowStateFile(), next).catch((cause: unknown) => {
      log.warn('window state not saved', { error: String(cause) });
    });
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    log.error('renderer process gone', { reason: details.reason, exitCode: details.exitCode });
  });
  await win.loadURL(APP_START_URL);
  return win;
}

function focusMainWindow(): void {
  const win = mainWindow ?? BrowserWindow.getAllWindows()[0] ?? null;
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

async function start(): Promise<void> {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(createPermissionRequestHandler(log));
  ses.setPermissionCheckHandler(createPermissionCheckHandler());
  protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rendererDir: RENDERER_DIR,
      readFile: (path) => readFile(path),
      onRefused: (url, reason) => log.warn('app protocol: refused', { url, reason }),
    }),
  );

  const dataDir = app.getPath('userData');
  const info: AppInfo = {
    appName: 'Packbench',
    version: app.getVersion(),
    host: 'electron',
    practice: true,
    platform: process.platform,
    dataDir,
  };
  // Shop credentials typed in Settings are sealed by the OS keychain (safeStorage, after `ready`).
  const secrets = createSafeStorageSecretStore({
    safeStorage,
    platform: process.platform,
    userDataDir: dataDir,
  });
  // System printing: each job renders its print route in a hidden, sandboxed window.
  const pdfPrinter = createElectronPdfPrinter({
    createHiddenWindow: () =>
      new BrowserWindow({
        ...createWindowOptions({ preloadPath: PRELOAD_PATH, state: null }),
        show: false,
      }),
    listPrinters: async () => {
      const win = mainWindow ?? BrowserWindow.getAllWindows()[0];
      return win ? win.webContents.getPrintersAsync() : [];
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const shop = await startShopConnection({
    env: process.env,
    readFile: (path) => readFile(path, 'utf8'),
    log,
    secrets,
  });
  info.practice = shop.practice;
  app.on('will-quit', () => void shop.close());
  const dispatch = createDispatch(
    createHandlers({
      info,
      dataDir,
      log,
      shop: shop.service,
      pdfPrinter,
      secrets,
      practiceShop: () => shop.practiceCredentials(),
    }),
    log,
  );
  registerIpc(ipcMain, dispatch, log);

  app.setAboutPanelOptions({ applicationName: info.appName, applicationVersion: info.version });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        appName: info.appName,
        isPackaged: app.isPackaged,
      }),
    ),
  );
  await createMainWindow();
}

if (!app.requestSingleInstanceLock()) {
  // Another Packbench owns this profile (and its IndexedDB); it gets focused instead.
  app.quit();
} else {
  app.on('second-instance', () => focusMainWindow());
  app.on('web-contents-created', (_event, contents) => {
    applyWebContentsGuards(contents, { openExternal: (url) => shell.openExternal(url), log });
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      createMainWindow().catch((cause: unknown) => {
        log.error('window creation failed', { error: String(cause) });
      });
    }
  });
  app
    .whenReady()
    .then(start)
    .catch((cause: unknown) => {
      log.error('startup failed', { error: String(cause) });
      app.exit(1);
    });
}

import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** DevTools and force-reload are only offered in unpackaged (development) runs. */
  isPackaged: boolean;
  /**
   * File › Export backup… (Ctrl/Cmd+E). Omitted when not given: the export runs in the renderer,
   * so this needs a host→UI event in the contract first.
   */
  onExportBackup?: () => void;
}

/** The application menu as a plain template (`Menu.buildFromTemplate` turns it into a menu). */
export function buildMenuTemplate(opts: MenuOptions): MenuItemConstructorOptions[] {
  const mac = opts.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [];
  if (mac) template.push({ label: opts.appName, role: 'appMenu' });

  const file: MenuItemConstructorOptions[] = [];
  if (opts.onExportBackup) {
    const run = opts.onExportBackup;
    file.push(
      {
        id: 'export-backup',
        label: 'Export backup…',
        accelerator: 'CmdOrCtrl+E',
        click: () => run(),
      },
      { type: 'separator' },
    );
  }
  file.push(mac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' });
  template.push({ label: 'File', submenu: file });

  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });

  const view: MenuItemConstructorOptions[] = [
    { id: 'reload', role: 'reload', accelerator: 'CmdOrCtrl+R' },
  ];
  if (!opts.isPackaged) {
    view.push({ role: 'forceReload' }, { role: 'toggleDevTools' });
  }
  view.push(
    { type: 'separator' },
    { id: 'zoom-reset', role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
    { id: 'zoom-in', role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
    { id: 'zoom-out', role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
    { type: 'separator' },
    // Not F11: the station's F-keys open screens, and F11 is Returns.
    {
      id: 'fullscreen',
      role: 'togglefullscreen',
      accelerator: mac ? 'Ctrl+Cmd+F' : 'Ctrl+Shift+F',
    },
  );
  template.push({ label: 'View', submenu: view });

  if (mac) template.push({ role: 'windowMenu' });
  template.push({
    role: 'help',
    submenu: [{ id: 'about', label: `About ${opts.appName}`, role: 'about' }],
  });
  return template;
}

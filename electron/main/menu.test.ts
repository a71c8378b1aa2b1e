import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuOptions } from './menu';

const base: MenuOptions = { platform: 'linux', appName: 'Packbench', isPackaged: true };

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [
    item,
    ...(Array.isArray(item.submenu) ? flatten(item.submenu) : []),
  ]);
}

const byRole = (items: MenuItemConstructorOptions[], role: string) =>
  flatten(items).find((i) => i.role === role);
const topLabels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label ?? i.role);

describe('buildMenuTemplate', () => {
  it('has File, Edit, View and Help on Windows and Linux', () => {
    expect(topLabels(buildMenuTemplate(base))).toEqual(['File', 'Edit', 'View', 'help']);
    expect(topLabels(buildMenuTemplate({ ...base, platform: 'win32' }))).toEqual([
      'File',
      'Edit',
      'View',
      'help',
    ]);
  });

  it('adds the app and window menus on macOS', () => {
    const mac = buildMenuTemplate({ ...base, platform: 'darwin' });
    expect(topLabels(mac)).toEqual(['Packbench', 'File', 'Edit', 'View', 'windowMenu', 'help']);
    expect(byRole(mac, 'togglefullscreen')?.accelerator).toBe('Ctrl+Cmd+F');
    expect(byRole(mac, 'quit')).toBeUndefined();
  });

  it('binds reload, full screen (Ctrl+Shift+F: F11 is the Returns screen) and the zoom shortcuts', () => {
    const t = buildMenuTemplate(base);
    expect(byRole(t, 'reload')?.accelerator).toBe('CmdOrCtrl+R');
    expect(byRole(t, 'togglefullscreen')?.accelerator).toBe('Ctrl+Shift+F');
    expect(byRole(t, 'zoomIn')?.accelerator).toBe('CmdOrCtrl+=');
    expect(byRole(t, 'zoomOut')?.accelerator).toBe('CmdOrCtrl+-');
    expect(byRole(t, 'resetZoom')?.accelerator).toBe('CmdOrCtrl+0');
    expect(byRole(t, 'quit')?.accelerator).toBe('Ctrl+Q');
  });

  it('has an About entry under Help', () => {
    const help = buildMenuTemplate(base).find((i) => i.role === 'help');
    expect(Array.isArray(help?.submenu) && help.submenu.map((i) => i.role)).toEqual(['about']);
  });

  it('offers DevTools and force reload only in unpackaged runs', () => {
    expect(byRole(buildMenuTemplate(base), 'toggleDevTools')).toBeUndefined();
    expect(byRole(buildMenuTemplate(base), 'forceReload')).toBeUndefined();
    const dev = buildMenuTemplate({ ...base, isPackaged: false });
    expect(byRole(dev, 'toggleDevTools')).toBeDefined();
    expect(byRole(dev, 'forceReload')).toBeDefined();
  });

  it('adds Export backup (Ctrl/Cmd+E) only when an action is wired, and runs it on click', () => {
    const without = flatten(buildMenuTemplate(base)).find((i) => i.id === 'export-backup');
    expect(without).toBeUndefined();
    let runs = 0;
    const item = flatten(buildMenuTemplate({ ...base, onExportBackup: () => runs++ })).find(
      (i) => i.id === 'export-backup',
    );
    expect(item?.accelerator).toBe('CmdOrCtrl+E');
    (item?.click as (() => void) | undefined)?.();
    expect(runs).toBe(1);
  });

  it('uses no accelerator twice', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const accelerators = flatten(
        buildMenuTemplate({ ...base, platform, isPackaged: false, onExportBackup: () => 0 }),
      )
        .map((i) => i.accelerator)
        .filter((a): a is string => typeof a === 'string');
      expect(new Set(accelerators).size).toBe(accelerators.length);
    }
  });
});

import type { Session } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  createPermissionCheckHandler,
  createPermissionRequestHandler,
  decidePermission,
} from './permissions';

type CheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;
type Permission = Parameters<CheckHandler>[1];

/** Every permission name Electron 45 declares; the type check below fails if one is missing. */
const ALL_PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
] as const satisfies readonly Permission[];
type Missing = Exclude<Permission, (typeof ALL_PERMISSIONS)[number]>;
const everyPermissionListed: [Missing] extends [never] ? true : Missing = true;

const GRANTED_FROM_APP = new Set(['persistent-storage', 'hid', 'media']);

describe('decidePermission', () => {
  it('covers every permission Electron declares', () => {
    expect(everyPermissionListed).toBe(true);
  });

  it.each(ALL_PERMISSIONS)('%s from app://bundle follows the allow-list', (permission) => {
    expect(decidePermission(permission, 'app://bundle/index.html')).toBe(
      GRANTED_FROM_APP.has(permission),
    );
  });

  it.each(ALL_PERMISSIONS)('%s from a foreign origin is denied', (permission) => {
    for (const origin of ['https://evil.example', 'app://bundle.evil', 'file:///', '']) {
      expect(decidePermission(permission, origin)).toBe(false);
    }
  });

  it('denies a name it has never heard of', () => {
    expect(decidePermission('brand-new-permission', 'app://bundle')).toBe(false);
  });
});

describe('permission handlers', () => {
  it('request handler answers through the callback and logs denials', () => {
    const logged: string[] = [];
    const handle = createPermissionRequestHandler({ info: (m) => void logged.push(m) });
    const answers: boolean[] = [];
    handle(null, 'persistent-storage', (g) => answers.push(g), {
      requestingUrl: 'app://bundle/index.html',
    });
    handle(null, 'geolocation', (g) => answers.push(g), {
      requestingUrl: 'app://bundle/index.html',
    });
    handle(null, 'persistent-storage', (g) => answers.push(g), {});
    expect(answers).toEqual([true, false, false]);
    expect(logged).toHaveLength(2);
  });

  it('check handler uses the same decision', () => {
    const check = createPermissionCheckHandler();
    expect(check(null, 'persistent-storage', 'app://bundle')).toBe(true);
    expect(check(null, 'hid', 'app://bundle')).toBe(true);
    expect(check(null, 'serial', 'app://bundle')).toBe(false);
    expect(check(null, 'persistent-storage', 'https://evil.example')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { isAppUrl, originOf } from '../app-origin';
import {
  applyWebContentsGuards,
  createWindowOpenHandler,
  guardNavigation,
  guardWebviewAttach,
  isAllowedExternalUrl,
  type GuardTarget,
  type NavigationEvent,
  type PreventableEvent,
} from './navigation';

function recordingLog() {
  const lines: string[] = [];
  return { lines, warn: (message: string) => void lines.push(message) };
}

function navEvent(url: string) {
  const event = { url, prevented: false, preventDefault: () => (event.prevented = true) };
  return event;
}

describe('originOf / isAppUrl', () => {
  it('builds the origin of a custom scheme from protocol and host', () => {
    expect(originOf('app://bundle/index.html?x=1#y')).toBe('app://bundle');
    expect(originOf('https://seller-us.tiktok.com/a')).toBe('https://seller-us.tiktok.com');
    expect(originOf('javascript:alert(1)')).toBeNull();
    expect(originOf('app://u:p@bundle/')).toBeNull();
  });

  it('accepts only app://bundle exactly', () => {
    expect(isAppUrl('app://bundle')).toBe(true);
    expect(isAppUrl('app://bundle:1234/')).toBe(false);
    expect(isAppUrl('app://BUNDLE.evil/')).toBe(false);
  });
});

describe('guardNavigation', () => {
  it.each(['app://bundle/index.html', 'app://bundle/', 'app://bundle/orders/42?tab=items'])(
    'allows %s',
    (url) => {
      const log = recordingLog();
      const event = navEvent(url);
      expect(guardNavigation(event, log)).toBe(true);
      expect(event.prevented).toBe(false);
      expect(log.lines).toEqual([]);
    },
  );

  it.each([
    'https://evil',
    'https://evil.example/app://bundle/',
    'app://bundle.evil/index.html',
    'app://evil/',
    'app://bundle:444/',
    'app://attacker@bundle/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'http://127.0.0.1:4317/',
    '',
    'not a url',
  ])('prevents %s', (url) => {
    const log = recordingLog();
    const event = navEvent(url);
    expect(guardNavigation(event, log)).toBe(false);
    expect(event.prevented).toBe(true);
    expect(log.lines).toEqual(['security: navigation blocked']);
  });
});

describe('isAllowedExternalUrl', () => {
  it.each([
    ['https://seller-us.tiktok.com/order/1', true],
    ['https://partner.tiktokshop.com/docv2', true],
    ['http://seller-us.tiktok.com/', false],
    ['https://seller-us.tiktok.com:8443/', false],
    ['https://user@seller-us.tiktok.com/', false],
    ['https://seller-us.tiktok.com.evil.com/', false],
    ['https://evil.com/?seller-us.tiktok.com', false],
    ['file:///C:/Windows/System32/calc.exe', false],
    ['javascript:alert(1)', false],
  ])('%s → %s', (url, expected) => {
    expect(isAllowedExternalUrl(url)).toBe(expected);
  });

  it('allows nothing with an empty allow-list', () => {
    expect(isAllowedExternalUrl('https://seller-us.tiktok.com/', [])).toBe(false);
  });
});

describe('createWindowOpenHandler', () => {
  it('always denies, and hands only allow-listed https URLs to openExternal', async () => {
    const opened: string[] = [];
    const log = recordingLog();
    const handle = createWindowOpenHandler({
      openExternal: async (url) => void opened.push(url),
      log,
    });
    const urls = [
      'https://seller-us.tiktok.com/orders',
      'https://evil.example/',
      'app://bundle/index.html',
      'file:///etc/passwd',
    ];
    for (const url of urls) expect(handle({ url })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(opened).toEqual(['https://seller-us.tiktok.com/orders']);
    expect(log.lines).toEqual([
      'security: window.open blocked',
      'security: window.open blocked',
      'security: window.open blocked',
    ]);
  });

  it('logs a failing openExternal instead of throwing', async () => {
    const log = recordingLog();
    const handle = createWindowOpenHandler({
      openExternal: () => Promise.reject(new Error('no browser')),
      log,
    });
    expect(handle({ url: 'https://partner.tiktokshop.com/' })).toEqual({ action: 'deny' });
    await new Promise((r) => setImmediate(r));
    expect(log.lines).toEqual(['security: openExternal failed']);
  });
});

describe('guardWebviewAttach', () => {
  it('always prevents the attach', () => {
    const log = recordingLog();
    const event = navEvent('app://bundle/');
    guardWebviewAttach(event, log);
    expect(event.prevented).toBe(true);
  });
});

describe('applyWebContentsGuards', () => {
  function fakeContents() {
    const listeners = new Map<string, (event: never) => void>();
    let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
    const target: GuardTarget = {
      on(event: string, listener: (event: never) => void) {
        listeners.set(event, listener);
        return target;
      },
      setWindowOpenHandler(handler) {
        openHandler = handler;
      },
    };
    return {
      target,
      emit(name: string, event: NavigationEvent | PreventableEvent) {
        const l = listeners.get(name);
        if (!l) throw new Error(`no listener for ${name}`);
        (l as (e: typeof event) => void)(event);
      },
      open: (url: string) => openHandler?.({ url }),
      names: () => [...listeners.keys()].sort(),
    };
  }

  it('attaches navigation, redirect, webview and window-open guards', () => {
    const fake = fakeContents();
    const opened: string[] = [];
    applyWebContentsGuards(fake.target, {
      openExternal: async (url) => void opened.push(url),
      log: recordingLog(),
    });
    expect(fake.names()).toEqual(['will-attach-webview', 'will-navigate', 'will-redirect']);

    const nav = navEvent('https://evil');
    fake.emit('will-navigate', nav);
    expect(nav.prevented).toBe(true);

    const redirect = navEvent('app://bundle.evil/');
    fake.emit('will-redirect', redirect);
    expect(redirect.prevented).toBe(true);

    const inApp = navEvent('app://bundle/queue');
    fake.emit('will-navigate', inApp);
    expect(inApp.prevented).toBe(false);

    const webview = navEvent('');
    fake.emit('will-attach-webview', webview);
    expect(webview.prevented).toBe(true);

    expect(fake.open('https://evil')).toEqual({ action: 'deny' });
  });
});

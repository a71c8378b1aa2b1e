import { describe, expect, it } from 'vitest';
import { createWindowOptions, MIN_HEIGHT, MIN_WIDTH } from './window-options';

const preloadPath = '/app/out/preload/index.cjs';

describe('createWindowOptions', () => {
  it('pins every security-relevant webPreference (Electron security checklist 2–4, 6, 8–10)', () => {
    expect(createWindowOptions({ preloadPath, state: null }).webPreferences).toEqual({
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
    });
  });

  it('sets no Blink feature switches and no additional arguments for the renderer', () => {
    const prefs = createWindowOptions({ preloadPath, state: null }).webPreferences ?? {};
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });

  it('points the preload at the CJS bundle next to main', () => {
    const prefs = createWindowOptions({ preloadPath, state: null }).webPreferences;
    expect(prefs?.preload?.endsWith('preload/index.cjs')).toBe(true);
  });

  it('starts hidden with a background colour and a minimum size', () => {
    const opts = createWindowOptions({ preloadPath, state: null });
    expect(opts.show).toBe(false);
    expect(opts.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(opts.minWidth).toBe(MIN_WIDTH);
    expect(opts.minHeight).toBe(MIN_HEIGHT);
    expect(opts.center).toBe(true);
    expect(opts).not.toHaveProperty('x');
  });

  it('uses remembered bounds when given', () => {
    const state = { x: 40, y: 50, width: 1400, height: 900, maximized: false };
    const opts = createWindowOptions({ preloadPath, state });
    expect(opts).toMatchObject({ x: 40, y: 50, width: 1400, height: 900 });
    expect(opts).not.toHaveProperty('center');
  });
});

// Packaging cannot run here (no Electron zip), so these tests pin what it would use: the fuse map,
// the afterPack hook run against a synthetic binary that carries a real fuse wire, and the
// electron-builder config.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fuses from '@electron/fuses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  afterPack,
  electronBinaryPath,
  FUSES,
  fuseConfig,
  type AfterPackContextLike,
} from '../../build/after-pack.mjs';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const { FuseV1Options, FuseState } = fuses;
/** The marker Electron binaries carry before the fuse wire (not exported by @electron/fuses). */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

const linuxContext = (appOutDir: string): AfterPackContextLike => ({
  appOutDir,
  electronPlatformName: 'linux',
  arch: 1,
  packager: { appInfo: { productFilename: 'Packbench' }, executableName: 'packbench' },
});

describe('fuse map', () => {
  it('turns off every way to run the app as plain Node and on asar-only loading', () => {
    expect(FUSES).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      GrantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses the installed @electron/fuses knows', () => {
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k)));
    for (const name of Object.keys(FUSES)) expect(known).toContain(name);
  });

  it('builds a V1 config keyed by fuse index', () => {
    const config = fuseConfig(fuses, linuxContext('/x'));
    expect(config.version).toBe(fuses.FuseVersion.V1);
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config.resetAdHocDarwinSignature).toBe(false);
    const macArm = fuseConfig(fuses, {
      ...linuxContext('/x'),
      electronPlatformName: 'darwin',
      arch: 3,
    });
    expect(macArm.resetAdHocDarwinSignature).toBe(true);
  });

  it('finds the packaged binary per platform', () => {
    const ctx = linuxContext('/out');
    expect(electronBinaryPath(ctx)).toBe(join('/out', 'packbench'));
    expect(electronBinaryPath({ ...ctx, electronPlatformName: 'win32' })).toBe(
      join('/out', 'Packbench.exe'),
    );
    expect(electronBinaryPath({ ...ctx, electronPlatformName: 'darwin' })).toBe(
      join('/out', 'Packbench.app'),
    );
    expect(() => electronBinaryPath({ ...ctx, electronPlatformName: 'beos' })).toThrow();
  });
});

describe('afterPack against a synthetic Electron binary', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pb-fuses-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('flips exactly the configured fuses and leaves the others alone', async () => {
    const wireLength = 9;
    // Electron's defaults: everything enabled except the integrity/asar-only/snapshot fuses.
    const initial = [1, 1, 1, 1, 0, 0, 0, 1, 1].map((on) =>
      on ? FuseState.ENABLE : FuseState.DISABLE,
    );
    const binary = Buffer.concat([
      Buffer.from('\x7fELF fake electron binary '.repeat(50)),
      Buffer.from(SENTINEL),
      Buffer.from([1, wireLength, ...initial]),
      Buffer.from(' trailing bytes '.repeat(50)),
    ]);
    await writeFile(join(dir, 'packbench'), binary);

    await afterPack(linuxContext(dir));

    const wire = await fuses.getCurrentFuseWire(join(dir, 'packbench'));
    for (const [name, enabled] of Object.entries(FUSES)) {
      const index = FuseV1Options[name as keyof typeof FuseV1Options];
      expect(wire[index], name).toBe(enabled ? FuseState.ENABLE : FuseState.DISABLE);
    }
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(initial[6]);
    expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(initial[8]);
    const after = await readFile(join(dir, 'packbench'));
    expect(after.length).toBe(binary.length);
  });

  it('fails loudly when the binary has no fuse wire', async () => {
    await writeFile(join(dir, 'packbench'), 'not electron');
    await expect(afterPack(linuxContext(dir))).rejects.toThrow(/sentinel/);
  });
});

describe('build/electron-builder.yml', () => {
  const Config = z.object({
    appId: z.literal('com.packbench.station'),
    productName: z.literal('Packbench'),
    directories: z.object({ output: z.literal('release') }),
    files: z.array(z.string()),
    afterPack: z.string(),
    linux: z.object({
      target: z.array(z.string()),
      category: z.literal('Office'),
      maintainer: z.string().min(3),
      icon: z.string(),
    }),
    win: z.object({ target: z.array(z.string()) }),
    mac: z.object({ target: z.array(z.string()) }),
  });

  it('has the ids, targets and hook the release needs', async () => {
    const raw: unknown = parse(await readFile(join(repo, 'build', 'electron-builder.yml'), 'utf8'));
    const config = Config.parse(raw);
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(existsSync(join(repo, config.afterPack))).toBe(true);
    expect(existsSync(join(repo, config.linux.icon))).toBe(true);
  });

  it('packages the entry point package.json names', async () => {
    const pkg = z
      .object({ main: z.string() })
      .parse(JSON.parse(await readFile(join(repo, 'package.json'), 'utf8')));
    expect(pkg.main).toBe('out/main/index.js');
  });
});

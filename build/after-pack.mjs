// electron-builder afterPack hook: flips Electron fuses in the packaged binary before signing.
// https://www.electronjs.org/docs/latest/tutorial/fuses
import { join } from 'node:path';

/** Fuse name (as in @electron/fuses FuseV1Options) → wanted state. Kept pure for a unit test. */
export const FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

// electron-builder's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4.
const ARCH_ARM64 = 3;
const ARCH_UNIVERSAL = 4;

/** Path of the packaged Electron executable (the .app bundle on macOS) for an afterPack context. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  const product = packager.appInfo.productFilename;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${product}.app`);
    case 'win32':
      return join(appOutDir, `${product}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName ?? product);
    default:
      throw new Error(`after-pack: unsupported platform ${electronPlatformName}`);
  }
}

/** The @electron/fuses config for a context; throws if a name is unknown to the installed version. */
export function fuseConfig(fusesModule, context) {
  const { FuseV1Options, FuseVersion } = fusesModule;
  const config = {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature:
      (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') &&
      (context.arch === ARCH_ARM64 || context.arch === ARCH_UNIVERSAL),
  };
  for (const [name, enabled] of Object.entries(FUSES)) {
    const index = FuseV1Options[name];
    if (typeof index !== 'number') throw new Error(`after-pack: unknown fuse ${name}`);
    config[index] = enabled;
  }
  return config;
}

export async function afterPack(context) {
  const fuses = await import('@electron/fuses');
  const binary = electronBinaryPath(context);
  await fuses.flipFuses(binary, fuseConfig(fuses, context));
}

export default afterPack;

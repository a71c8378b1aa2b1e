// Types for after-pack.mjs, so the unit test (electron/main/packaging.test.ts) typechecks.
export interface AfterPackContextLike {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}

export interface FusesModuleLike {
  FuseV1Options: Record<string, string | number>;
  FuseVersion: { V1: string };
}

export declare const FUSES: Readonly<Record<string, boolean>>;
export declare function electronBinaryPath(context: AfterPackContextLike): string;
export declare function fuseConfig(
  fusesModule: FusesModuleLike,
  context: AfterPackContextLike,
): Record<string, string | boolean>;
export declare function afterPack(context: AfterPackContextLike): Promise<void>;
export default afterPack;

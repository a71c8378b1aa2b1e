/// <reference types="vite/client" />

/** The app version from package.json, set at build time. */
declare const __APP_VERSION__: string;

/** True only in builds with the developer hooks (`?dev=1`): e2e tests and benches. */
declare const __DEV_HOOKS__: boolean;

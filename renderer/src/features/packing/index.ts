export { PackScreen } from './PackScreen';
export { packingText } from './i18n';
export { usePackController, packControllerFor } from './use-pack-controller';
export type { PackController } from './controller';
export { addAfterPackListener, onPackCompleted, setCompletedScanHandler } from './after-pack';
export type { PackCompletion } from './after-pack';
export { packingDevHooks } from './dev';
export { PackingSettings } from './PackingSettings';
export { SignInForm } from './SignIn';

/**
 * The one global scanner listener (mounted once in the Shell). A window capture-phase keydown
 * listener feeds the classifier; held and swallowed keys are stopped before any other handler
 * sees them, so a scan never reaches a search box or a shortcut. Typing is handed back: held
 * characters are inserted into the focused field, or re-dispatched to the app's shortcuts.
 *
 * The keydown path stays cheap (bench-realities.md §1): no React render per key, no I/O. A
 * completed scan is routed synchronously — on the pack screen straight into the in-memory
 * checklist — and only order lookups (other screens) go to IndexedDB.
 */
import { useEffect } from 'react';
import { flushSync } from 'react-dom';
import {
  createScanClassifier,
  normaliseScan,
  parseScan,
  type RawScan,
  type ScanEffect,
  type ScanFragment,
  type ScanKeyEvent,
} from '#shared/logic/scan/index';
import { packingStore } from '../../stores/packing-store';
import { getScannerState, useScannerConfig, type KeyLogEntry } from '../../stores/scanner-store';
import { getSessionState } from '../../stores/session-store';
import { getUiState } from '../../stores/ui-store';
import { cues } from '../../lib/sounds';
import { screenScanHandler } from './screen-scan-handlers';
import type { PackController } from '../packing';
import {
  deleteBeforeCaret,
  insertIntoFocused,
  isEditable,
  isReplaying,
  redispatch,
} from './insert-text';

const LOG_SIZE = 400;

/**
 * The silence timer fires some slack after the classifier's deadline. Keys carry the time they
 * were pressed, but on a busy PC they reach the page later than that; a key delivered before the
 * timer still joins its burst (the classifier judges by timestamps), so the slack keeps a
 * late-delivered burst whole. It grows with the delivery lag the current run has shown (twice
 * the worst), so an idle station adds only the minimum to no-suffix scans and typed text.
 */
const TICK_SLACK_MS = 40;
const MAX_SLACK_MS = 400;

function modalOpen(): HTMLElement | null {
  return document.querySelector<HTMLElement>('[aria-modal="true"]');
}

export interface RoutedScan {
  text: string;
  kind: string;
  routedTo: string;
}

/** Where a completed scan goes. Synchronous except for order lookups. */
export function routeScan(raw: RawScan, controller: PackController): RoutedScan {
  const scanner = getScannerState().actions;
  const norm = normaliseScan({
    text: raw.text,
    codeText: raw.codeText,
    capsLock: raw.capsLock,
    lostChars: raw.lostChars,
  });
  const text = norm.ok ? norm.value.text : raw.text;
  const kind = norm.ok ? parseScan(text, norm.value.gs1).kind : 'invalid';
  // Each scan sets the notice afresh: a warning stays only while its cause does.
  scanner.noticeRaised(null);
  if (raw.ime) scanner.noticeRaised({ kind: 'ime' });
  else if (norm.ok && norm.value.mismatch === 'caps-lock')
    scanner.noticeRaised({ kind: 'caps-lock' });
  else if (norm.ok && norm.value.mismatch === 'layout') scanner.noticeRaised({ kind: 'layout' });
  if (raw.leaked > 0 && raw.editable) deleteBeforeCaret(raw.leaked);

  const screen = getUiState().screen;
  if (screen === 'scanner') return { text, kind, routedTo: 'test' };

  const modal = modalOpen();
  if (modal) {
    // A scan never touches the order behind a dialog; a badge or code may go into its field.
    const active = document.activeElement;
    if (isEditable(active) && modal.contains(active)) {
      insertIntoFocused(text);
      return { text, kind, routedTo: 'modal-field' };
    }
    scanner.noticeRaised({ kind: 'modal-ignored', text });
    cues.play('error', getSessionState().soundVolume);
    return { text, kind, routedTo: 'modal' };
  }

  if (screen === 'pack') {
    if (!getSessionState().operator) {
      controller.signIn(text, text);
      return { text, kind, routedTo: 'sign-in' };
    }
    const phase = packingStore.getState().phase;
    if (phase === 'packing') {
      // The checklist: synchronous, from memory, and committed to the DOM before this keydown
      // handler returns, so the frame that follows the key shows it (a render scheduled for later
      // misses that frame and waits for the next one: ~10 ms more at p50, measured).
      flushSync(() => controller.scan(norm.ok ? text : raw.text));
      return { text, kind, routedTo: 'pack' };
    }
    if (phase === 'loading' || phase === 'sealing') return { text, kind, routedTo: 'ignored' };
  }

  // A screen that takes its own scans (returns intake) gets them all.
  const own = screenScanHandler(screen);
  if (own) {
    own(norm.ok ? text : raw.text);
    return { text, kind, routedTo: screen };
  }

  const editable = raw.editable;
  void controller.openByCode(text).then((found) => {
    if (found) return;
    if (editable && isEditable(document.activeElement)) insertIntoFocused(text);
    else {
      getScannerState().actions.noticeRaised({ kind: 'not-found', text });
      cues.play('error', getSessionState().soundVolume);
    }
  });
  return { text, kind, routedTo: 'open-order' };
}

/**
 * Keys at scanner speed that made no whole scan: a burst the silence timer cut short because its
 * keys reached the page late, or a piece too short to be a barcode. Never silently dropped, never
 * counted: the packer gets the error cue and "scan not understood, scan again" with what arrived
 * (on the pack screen as the big feedback, elsewhere as the scanner notice). The characters do not
 * go into a text field either: they are not what the person typed.
 */
export function reportFragment(fragment: ScanFragment): void {
  const text = fragment.text;
  getScannerState().actions.noticeRaised({ kind: 'fragment', text });
  cues.play('error', getSessionState().soundVolume);
  if (getUiState().screen === 'pack' && packingStore.getState().phase === 'packing') {
    packingStore.getState().actions.feedbackShown({
      tone: 'error',
      sound: 'error',
      event: 'scan-fragment',
      text: { kind: 'reason', code: 'scan.incomplete', params: {} },
      code: text,
    });
  }
}

function toScanKey(e: KeyboardEvent): ScanKeyEvent {
  return {
    key: e.key,
    code: e.code,
    keyCode: e.keyCode,
    timeStamp: e.timeStamp,
    isComposing: e.isComposing,
    ctrlKey: e.ctrlKey,
    altKey: e.altKey,
    metaKey: e.metaKey,
    shiftKey: e.shiftKey,
    repeat: e.repeat,
    capsLock: typeof e.getModifierState === 'function' ? e.getModifierState('CapsLock') : false,
    targetIsEditable: isEditable(e.target),
  };
}

export function useScannerListener(controller: PackController): void {
  const config = useScannerConfig();
  useEffect(() => {
    const classifier = createScanClassifier(config);
    const keyLog: KeyLogEntry[] = [];
    let timer: number | null = null;
    let lastTarget: EventTarget | null = null;
    /** Worst delivery lag (handled − pressed) of the keys of the current run. */
    let runLag = 0;

    function keysOf(scan: RawScan): KeyLogEntry[] {
      const from = scan.startedAt;
      const picked = keyLog.filter((k) => k.t >= from && k.t <= scan.endedAt + 200);
      return picked.map((k, i) => ({ ...k, gapMs: i === 0 ? 0 : k.t - (picked[i - 1]?.t ?? k.t) }));
    }

    function handle(effects: readonly ScanEffect[]) {
      for (const effect of effects) {
        switch (effect.kind) {
          case 'scan': {
            const routed = routeScan(effect.scan, controller);
            getScannerState().actions.scanSeen({
              raw: effect.scan,
              text: routed.text,
              kind: routed.kind,
              keys: keysOf(effect.scan),
              routedTo: routed.routedTo,
            });
            break;
          }
          case 'release':
            if (effect.editable) insertIntoFocused(effect.text);
            else redispatch(effect.text, lastTarget);
            break;
          case 'fragment':
            reportFragment(effect.fragment);
            break;
          case 'duplicate':
            break;
          case 'discarded':
            if (effect.reason === 'blur') {
              getScannerState().actions.noticeRaised({ kind: 'blur-discarded', text: effect.text });
            }
            break;
        }
      }
    }

    function schedule() {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      const at = classifier.nextTickAt();
      if (at === null) {
        runLag = 0;
        return;
      }
      const slack = Math.min(MAX_SLACK_MS, Math.max(TICK_SLACK_MS, 2 * runLag));
      timer = window.setTimeout(
        () => {
          timer = null;
          handle(classifier.tick(performance.now()));
          schedule();
        },
        Math.max(0, at + slack - performance.now()),
      );
    }

    function onKeyDown(e: KeyboardEvent) {
      if (isReplaying()) return;
      cues.unlock();
      runLag = Math.max(runLag, performance.now() - e.timeStamp);
      const step = classifier.keydown(toScanKey(e));
      if (keyLog.length >= LOG_SIZE) keyLog.splice(0, keyLog.length - LOG_SIZE + 1);
      keyLog.push({
        key: e.key,
        code: e.code,
        keyCode: e.keyCode,
        t: e.timeStamp,
        gapMs: 0,
        action: step.key,
        shift: e.shiftKey,
      });
      if (step.key !== 'pass') {
        e.preventDefault();
        e.stopImmediatePropagation();
        lastTarget = e.target;
      }
      if (step.effects.length > 0) handle(step.effects);
      schedule();
    }

    function onBlur() {
      handle(classifier.blur());
      schedule();
      getScannerState().actions.armedChanged(false);
    }
    function onFocus() {
      getScannerState().actions.armedChanged(true);
    }

    window.addEventListener('keydown', onKeyDown, { capture: true });
    window.addEventListener('blur', onBlur);
    window.addEventListener('focus', onFocus);
    getScannerState().actions.armedChanged(document.hasFocus());
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('focus', onFocus);
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [config, controller]);
}

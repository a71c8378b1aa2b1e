/**
 * Puts text back where the person was typing. The classifier holds the first keys of every run
 * until it knows whether they are a scan; when they turn out to be typing, the caller must insert
 * them into the focused field (so controlled React inputs see a normal input event), or — outside
 * text fields — re-dispatch them so the app's keyboard shortcuts still work.
 */

export function isEditable(target: EventTarget | null): target is HTMLElement {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return !target.readOnly && !target.disabled;
  if (target instanceof HTMLInputElement) {
    const textual = ['text', 'search', 'tel', 'url', 'email', 'password', 'number', ''];
    return textual.includes(target.type) && !target.readOnly && !target.disabled;
  }
  return false;
}

function setNativeValue(el: HTMLInputElement | HTMLTextAreaElement, value: string) {
  // The prototype's setter, so React's value tracker sees a change and fires onChange.
  const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement : HTMLInputElement;
  Reflect.set(proto.prototype, 'value', value, el);
}

/** Inserts `text` at the caret of the focused field, firing the input event React listens to. */
export function insertIntoFocused(text: string): boolean {
  const el = document.activeElement;
  if (!isEditable(el) || text.length === 0) return false;
  // execCommand keeps the field's undo stack and fires beforeinput/input like real typing.
  if (document.execCommand('insertText', false, text)) return true;
  if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) {
    const start = el.selectionStart ?? el.value.length;
    const end = el.selectionEnd ?? el.value.length;
    setNativeValue(el, el.value.slice(0, start) + text + el.value.slice(end));
    el.setSelectionRange?.(start + text.length, start + text.length);
    el.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  }
  return false;
}

/** Removes `n` characters before the caret (scan characters an IME let through). */
export function deleteBeforeCaret(n: number): void {
  for (let i = 0; i < n; i += 1) {
    if (!document.execCommand('delete', false)) break;
  }
}

let replaying = false;

/** True while `redispatch` is sending keys: the scanner listener lets them pass untouched. */
export function isReplaying(): boolean {
  return replaying;
}

/** Sends held keys on to the app's own key handlers (outside text fields). */
export function redispatch(text: string, target: EventTarget | null): void {
  const to = target instanceof HTMLElement ? target : document.body;
  replaying = true;
  try {
    for (const key of text) {
      to.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
  } finally {
    replaying = false;
  }
}

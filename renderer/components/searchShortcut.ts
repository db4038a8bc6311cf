import { useEffect, type RefObject } from 'react';

/** The search screen's own field: while it is on screen the shortcut goes there rather than to the top-bar box. */
export const SEARCH_SCREEN_FIELD_ID = 'search-screen-field';

export const SEARCH_SHORTCUTS = '/ Control+K';

const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'color', 'file', 'image', 'radio', 'range', 'reset', 'submit']);

/** True when a key pressed here would type into a field, so `/` belongs to that field. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * `/` or Ctrl+K (⌘K) focuses the search field from anywhere but another field or
 * an open dialog. Several users of this hook may be mounted; the first one to see
 * the key handles it, and all of them pick the same field.
 */
export function useSearchShortcut(field: RefObject<HTMLInputElement | null>): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.isComposing) return;
      // AltGr arrives as Ctrl+Alt on Windows, and some layouts need it for `/`.
      const slash = e.key === '/' && !e.metaKey && !(e.ctrlKey && !e.altKey);
      // `code` keeps Ctrl+K working when an Arabic or other non-Latin layout is active.
      const ctrlK = (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && (e.key.toLowerCase() === 'k' || e.code === 'KeyK');
      if (!slash && !ctrlK) return;
      if (isTyping(e.target) || document.querySelector('dialog[open]')) return;
      const target = document.getElementById(SEARCH_SCREEN_FIELD_ID) ?? field.current;
      if (!(target instanceof HTMLInputElement)) return;
      e.preventDefault();
      target.focus();
      target.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [field]);
}

// Keeps a form's unsaved content in this browser as the user types, so a closed tab, a reload or a
// lost connection loses nothing: the next time the same record is opened, the content is offered
// back. The copy is keyed by the signed-in user (another account on the same browser never sees it)
// and by the version of the record it started from, and is dropped once saved or discarded.
import { ref, watch, type Ref } from 'vue';

export interface KeptDraft<T> {
  /** The record's version the draft was edited from (0: a record not saved yet). */
  version: number;
  /** When it was last kept (ms). */
  at: number;
  value: T;
}

const PREFIX = 'jx-draft:';
/** Keeping waits this long after the last keystroke, so typing stays smooth. */
const KEEP_DELAY_MS = 300;

function readKept<T>(key: string): KeptDraft<T> | undefined {
  try {
    const raw = localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as KeptDraft<T>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Watches `draft` while `active()` and keeps it under `key()` with `version()` whenever it differs
 * from the record as opened (`start(fresh)`). `kept(fresh)` returns what an earlier session left for
 * this key, `drop()` forgets it.
 */
export function useDraftKeeper<T>(key: () => string | undefined, draft: Ref<T>, version: () => number, active: () => boolean) {
  const keptAt = ref<number>();
  let baseline = '';
  let timer: ReturnType<typeof setTimeout> | undefined;

  function keepNow(): void {
    const k = key();
    if (!k || !active()) return;
    // Back to the record as opened: nothing unsaved to keep.
    if (JSON.stringify(draft.value) === baseline) return drop();
    const entry: KeptDraft<T> = { version: version(), at: Date.now(), value: draft.value };
    try {
      localStorage.setItem(PREFIX + k, JSON.stringify(entry));
      keptAt.value = entry.at;
    } catch {
      // Storage full or disabled: the form still works, it just is not kept.
    }
  }

  watch(
    draft,
    () => {
      clearTimeout(timer);
      timer = setTimeout(keepNow, KEEP_DELAY_MS);
    },
    { deep: true },
  );

  /** What was kept for this key earlier, unless it is the same as `fresh` (nothing to offer). Starts watching from `fresh`. */
  function kept(fresh: T): KeptDraft<T> | undefined {
    baseline = JSON.stringify(fresh);
    const k = key();
    const entry = k ? readKept<T>(k) : undefined;
    if (!entry || JSON.stringify(entry.value) === JSON.stringify(fresh)) return undefined;
    return entry;
  }

  function drop(): void {
    clearTimeout(timer);
    const k = key();
    if (k) localStorage.removeItem(PREFIX + k);
    keptAt.value = undefined;
  }

  return { kept, drop, keptAt, keepNow };
}

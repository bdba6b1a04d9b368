// A dialog's entry that saves as you type: a server draft a moment after the last change, on the
// version read, one save at a time (each sends the version the previous one returned, so a typed
// draft and a finished upload never race), what is typed kept in this browser until saved
// (useDraftKeeper), and evidence files added or removed saved at once. Progress entries and
// self-assessments share it.
import { ref, watch, type Ref } from 'vue';
import { ApiError } from '@/api/http';
import type { EvidenceFileItem } from '@/components/EvidenceFiles.vue';
import { useDraftKeeper, type KeptDraft } from './useDraftKeeper';

/** What the saved record carries that this needs: its version and its evidence files. */
export interface SavedEntry {
  version: number;
  evidence: readonly EvidenceFileItem[];
}

export interface AutosavedEntryOptions<D, I extends SavedEntry, B> {
  open: Ref<boolean>;
  editable: () => boolean;
  keepKey: () => string | undefined;
  /** The record the dialog opens with (undefined: nothing saved yet). */
  initial: () => I | undefined;
  fromItem: (item?: I) => D;
  /** A reason not to save yet (a field that does not parse), shown instead. */
  blocked?: (draft: D) => string | undefined;
  body: (draft: D, evidence: string[], version: number) => B;
  save: (body: B) => Promise<I>;
}

/** The autosave delay after the last change. */
const SAVE_DELAY_MS = 1500;

export function useAutosavedEntry<D, I extends SavedEntry, B>(o: AutosavedEntryOptions<D, I, B>) {
  const item = ref<I>() as Ref<I | undefined>;
  const draft = ref(o.fromItem()) as Ref<D>;
  const files = ref<EvidenceFileItem[]>([]);
  /** Files uploaded in this dialog, not yet saved on the entry. */
  const added = ref<string[]>([]);
  const error = ref('');
  const saving = ref(false);
  const savedAt = ref<number>();
  const keeper = useDraftKeeper(o.keepKey, draft, () => item.value?.version ?? 0, () => o.open.value && o.editable());
  const restored = ref<KeptDraft<D>>() as Ref<KeptDraft<D> | undefined>;

  /** The entry as last opened or saved: typing that comes back to it saves nothing. */
  let baseline = '';
  watch(
    o.open,
    (now) => {
      if (!now) return;
      item.value = o.initial();
      files.value = [...(item.value?.evidence ?? [])];
      added.value = [];
      error.value = '';
      savedAt.value = undefined;
      const fresh = o.fromItem(item.value);
      restored.value = o.editable() ? keeper.kept(fresh) : undefined;
      draft.value = restored.value?.value ?? fresh;
      baseline = JSON.stringify(fresh);
    },
    { immediate: true },
  );

  async function saveOnce(): Promise<boolean> {
    if (!o.editable()) return true;
    const blocked = o.blocked?.(draft.value);
    if (blocked) {
      error.value = blocked;
      return false;
    }
    saving.value = true;
    try {
      const saved = await o.save(o.body(draft.value, [...files.value.map((f) => f.fileId), ...added.value], item.value?.version ?? 0));
      item.value = saved;
      files.value = [...saved.evidence];
      added.value = [];
      error.value = '';
      savedAt.value = Date.now();
      baseline = JSON.stringify(draft.value);
      keeper.kept(o.fromItem(saved));
      keeper.drop();
      return true;
    } catch (e) {
      error.value = e instanceof ApiError ? e.message : String(e);
      return false;
    } finally {
      saving.value = false;
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  let inflight: Promise<boolean> = Promise.resolve(true);
  function saveNow(): Promise<boolean> {
    clearTimeout(timer);
    const run = inflight.then(() => saveOnce());
    inflight = run.catch(() => false);
    return run;
  }

  watch(
    draft,
    () => {
      if (!o.open.value || !o.editable() || JSON.stringify(draft.value) === baseline) return;
      clearTimeout(timer);
      timer = setTimeout(() => void saveNow(), SAVE_DELAY_MS);
    },
    { deep: true },
  );

  function addFile(file: EvidenceFileItem): void {
    added.value.push(file.fileId);
    void saveNow();
  }

  function removeFile(fileId: string): void {
    files.value = files.value.filter((f) => f.fileId !== fileId);
    void saveNow();
  }

  /** Closes after saving what changed; stays open when that save fails. */
  async function close(): Promise<void> {
    const changed = JSON.stringify(draft.value) !== baseline || added.value.length > 0;
    if (o.editable() && changed && (await saveNow()) === false) return;
    o.open.value = false;
  }

  return { item, draft, files, error, saving, savedAt, restored, saveNow, addFile, removeFile, close };
}

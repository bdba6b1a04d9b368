// Cursor paging behind an el-pagination: page N is fetched with the cursor the page before returned.
import { computed, ref, shallowRef } from 'vue';
import type { Page } from '@/api/types';

export function useCursorPager<T>(fetchPage: (limit: number, cursor?: string) => Promise<Page<T>>, pageSize = 20) {
  const items = shallowRef<T[]>([]);
  const loading = ref(false);
  const page = ref(1);
  /** cursors[i] opens page i + 1; page 1 opens without a cursor. */
  const cursors = ref<(string | undefined)[]>([undefined]);
  const hasNext = computed(() => cursors.value.length > page.value);
  /** What el-pagination needs to offer exactly one more page when there is one. */
  const total = computed(() => (page.value + (hasNext.value ? 1 : 0)) * pageSize);

  async function load(target: number): Promise<void> {
    if (target < 1 || target > cursors.value.length) return;
    loading.value = true;
    try {
      const res = await fetchPage(pageSize, cursors.value[target - 1]);
      items.value = res.items;
      page.value = target;
      const known = cursors.value;
      // Keep the cursors of later pages while the way forward is unchanged.
      cursors.value =
        res.nextCursor && known[target] === res.nextCursor
          ? known
          : [...known.slice(0, target), ...(res.nextCursor ? [res.nextCursor] : [])];
    } finally {
      loading.value = false;
    }
  }

  /** Starts again from the first page (e.g. after the filter changed). */
  async function reset(): Promise<void> {
    cursors.value = [undefined];
    await load(1);
  }

  return { items, loading, page, pageSize, total, hasNext, load, reset };
}

import { describe, expect, it, vi } from 'vitest';
import type { Page } from '@/api/types';
import { useCursorPager } from '@/composables/useCursorPager';

/** Pages of two over five items; the cursor is the index to start at. */
const fetchPage = vi.fn(async (limit: number, cursor?: string): Promise<Page<number>> => {
  const start = Number(cursor ?? 0);
  const items = [1, 2, 3, 4, 5].slice(start, start + limit);
  return start + limit < 5 ? { items, nextCursor: String(start + limit) } : { items };
});

describe('useCursorPager', () => {
  it('walks forward and back through pages with the cursors it was given', async () => {
    // Prepare
    const pager = useCursorPager(fetchPage, 2);

    // Act
    await pager.reset();
    const first = { items: pager.items.value, total: pager.total.value };
    await pager.load(2);
    await pager.load(3);
    const last = { items: pager.items.value, hasNext: pager.hasNext.value, total: pager.total.value };
    await pager.load(1);
    await pager.load(3);

    // Assess
    expect(first).toEqual({ items: [1, 2], total: 4 });
    expect(last).toEqual({ items: [5], hasNext: false, total: 6 });
    expect(pager.items.value).toEqual([5]);
    expect(fetchPage.mock.calls.map(([, cursor]) => cursor)).toEqual([undefined, '2', '4', undefined, '4']);
  });

  it('refuses a page it has no cursor for', async () => {
    // Prepare
    const pager = useCursorPager(fetchPage, 2);
    await pager.reset();
    fetchPage.mockClear();

    // Act
    await pager.load(3);

    // Assess
    expect(fetchPage).not.toHaveBeenCalled();
    expect(pager.page.value).toBe(1);
  });
});

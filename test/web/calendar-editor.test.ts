import { flushPromises, mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cn2026 } from '@shared/domain/calendar-data/cn-2026.ts';
import { configureHttp } from '@/api/http';
import CalendarMonth from '@/views/calendar/CalendarMonth.vue';
import { markOf, monthCells, nextMark, toggleDay, useCalendarEditor, type CalendarDraft } from '@/views/calendar/useCalendarEditor';
import { plugins } from './setup';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('day toggling', () => {
  it('cycles a weekday between normal and holiday, and a weekend day through 班 and 休', () => {
    // Assess: 2026-04-20 is a Monday, 2026-04-25 a Saturday
    expect(nextMark('2026-04-20', 'normal')).toBe('holiday');
    expect(nextMark('2026-04-20', 'holiday')).toBe('normal');
    expect(nextMark('2026-04-25', 'normal')).toBe('workday');
    expect(nextMark('2026-04-25', 'workday')).toBe('holiday');
    expect(nextMark('2026-04-25', 'holiday')).toBe('normal');
  });

  it('moves a date between the lists, keeping them sorted and never in both', () => {
    // Prepare
    const draft: CalendarDraft = { holidays: ['2026-10-01'], workdays: [], source: '' };

    // Act
    const marks = [toggleDay(draft, '2026-09-20'), toggleDay(draft, '2026-09-20')];

    // Assess
    expect(marks).toEqual(['workday', 'holiday']);
    expect(draft).toEqual({ holidays: ['2026-09-20', '2026-10-01'], workdays: [], source: '' });
    toggleDay(draft, '2026-09-20');
    expect(markOf(draft, '2026-09-20')).toBe('normal');
    expect(draft.holidays).toEqual(['2026-10-01']);
  });

  it('lays a month out Monday first', () => {
    // Assess: 2026-02-01 is a Sunday, so six blanks come first
    const cells = monthCells(2026, 2);
    expect(cells.slice(0, 7)).toEqual([null, null, null, null, null, null, '2026-02-01']);
    expect(cells.filter(Boolean)).toHaveLength(28);
  });
});

describe('CalendarMonth', () => {
  const draft: CalendarDraft = { holidays: cn2026.holidays, workdays: cn2026.workdays, source: '' };
  const mountMonth = (editable: boolean) =>
    mount(CalendarMonth, {
      props: { year: 2026, month: 2, editable, markOf: (d: string) => markOf(draft, d) },
      global: { plugins: plugins() },
    });

  it('marks 2026 Spring Festival with 休 and the make-up Saturdays with 班', () => {
    // Act
    const wrapper = mountMonth(false);

    // Assess
    expect(wrapper.get('[data-testid="day-2026-02-16"]').attributes('data-mark')).toBe('holiday');
    expect(wrapper.get('[data-testid="day-2026-02-16"]').text()).toContain('休');
    expect(wrapper.get('[data-testid="day-2026-02-14"]').text()).toContain('班');
    expect(wrapper.get('[data-testid="day-2026-02-28"]').attributes('data-mark')).toBe('workday');
    expect(wrapper.get('[data-testid="day-2026-02-24"]').attributes('data-mark')).toBe('normal');
  });

  it('emits a toggle on click only when editable', async () => {
    // Act
    const readOnly = mountMonth(false);
    await readOnly.get('[data-testid="day-2026-02-24"]').trigger('click');
    const editable = mountMonth(true);
    await editable.get('[data-testid="day-2026-02-24"]').trigger('click');

    // Assess
    expect(readOnly.emitted('toggle')).toBeUndefined();
    expect(editable.emitted('toggle')).toEqual([['2026-02-24']]);
  });
});

describe('useCalendarEditor', () => {
  const fetchMock = vi.fn<typeof fetch>();
  const stored = { ...cn2026, regionId: 'yulin', version: 3, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'yl_staff' };

  beforeEach(() => {
    plugins();
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('saves the toggled day with the version it loaded', async () => {
    // Prepare
    fetchMock.mockResolvedValueOnce(json(200, stored));
    const editor = useCalendarEditor(() => 'yulin');
    await editor.loadYear(2026);
    editor.toggle('2026-04-20');
    expect(editor.dirty.value).toBe(true);
    fetchMock.mockResolvedValueOnce(json(200, { ...stored, holidays: [...stored.holidays, '2026-04-20'].sort(), version: 4 }));
    fetchMock.mockResolvedValueOnce(json(200, { items: [] }));

    // Act
    const ok = await editor.save();

    // Assess
    expect(ok).toBe(true);
    const [url, init] = fetchMock.mock.calls[1]!;
    expect(url).toBe('/api/regions/yulin/calendar/2026');
    expect(init?.method).toBe('PUT');
    expect(JSON.parse(String(init?.body))).toMatchObject({ version: 3, holidays: expect.arrayContaining(['2026-04-20']) });
    expect(editor.dirty.value).toBe(false);
    expect(editor.stored.value?.version).toBe(4);
  });

  it('does not send a year the shared rules refuse, and shows why', async () => {
    // Prepare: a year not set yet (404), then a weekday marked as make-up working day
    fetchMock.mockResolvedValueOnce(json(404, { error: { code: 'NOT_FOUND', message: '2027 年的工作日历尚未设置' } }));
    const editor = useCalendarEditor(() => 'yulin');
    await editor.loadYear(2027);
    editor.draft.workdays = ['2027-03-03'];

    // Act
    const ok = await editor.save();

    // Assess
    expect(ok).toBe(false);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(editor.errors.value[0]).toMatchObject({ path: 'workdays.0', message: expect.stringContaining('不是周六或周日') });
  });

  it('keeps the edit and shows the conflict when someone saved in between', async () => {
    // Prepare
    fetchMock.mockResolvedValueOnce(json(200, stored));
    const editor = useCalendarEditor(() => 'yulin');
    await editor.loadYear(2026);
    editor.toggle('2026-04-20');
    fetchMock.mockResolvedValueOnce(json(409, { error: { code: 'CONFLICT', message: '2026 年的工作日历已被他人修改，请刷新后重试' } }));

    // Act
    const ok = await editor.save();
    await flushPromises();

    // Assess
    expect(ok).toBe(false);
    expect(editor.dirty.value).toBe(true);
    expect(editor.draft.holidays).toContain('2026-04-20');
  });
});

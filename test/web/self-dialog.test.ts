// The self-assessment dialog: a direct method's own score typed as "8.5" is sent as 850 hundredths
// (parsed by the shared engine, never a float) with the engine's preview beside it; a score with three
// decimals is refused in the dialog and nothing is sent; what is typed is saved with the version read,
// without a button pressed; the self-assessment sheet writes the input and the own score as the unit sees them.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SaveSelfBody, SelfGoalView, UnitSelfView } from '@/api/self-assessment';
import SelfDialog from '@/views/self/SelfDialog.vue';
import { selfRows } from '@/views/self/self-xlsx';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const input = (id: string) => document.body.querySelector<HTMLInputElement>(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`)!;
const type = async (id: string, value: string) => {
  const el = input(id);
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await flushPromises();
};
const item = {
  cycleId: '2026', unitId: 'yl-yuzhou', indicatorId: '3.2', categoryId: 'c1', planVersion: 1, methodKind: 'direct' as const, assessorUnitId: 'yl-tjj',
  narrative: '全年完成', evidence: [], selfScore: 700, explanation: [], complete: true, version: 2, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'yuzhou_staff',
};
const goal: SelfGoalView = { indicatorId: '3.2', name: '党风廉政建设', parents: ['党的建设'], points: 1000, method: { kind: 'direct' }, assessorUnitId: 'yl-tjj', assessorUnitName: '市统计局', target: 100, unitOfMeasure: '%', milestones: [], item };
const scope = { regionId: '450900', cycleId: '2026', unitId: 'yl-yuzhou' };

describe('self-assessment dialog', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.useRealTimers();
  });
  async function open(save: (b: SaveSelfBody) => Promise<any>, g: SelfGoalView = goal) {
    wrapper = mount(SelfDialog, { props: { modelValue: true, goal: g, scope, editable: true, save }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }

  it('sends a typed own score as exact hundredths with the version read, the engine’s preview beside it', async () => {
    const save = vi.fn(async (b: SaveSelfBody) => ({ ...item, ...b, version: 3 }));
    await open(save);
    expect(input('self-score').value).toBe('7.00');
    await type('self-score', '8.5');
    expect(q('self-preview')!.textContent).toContain('8.50');
    q('self-entry-done')!.click();
    await flushPromises();
    expect(save).toHaveBeenCalledWith({ selfScore: 850, narrative: '全年完成', evidence: [], version: 2 });
  });

  it('refuses three decimals in the dialog and sends nothing', async () => {
    const save = vi.fn();
    await open(save);
    await type('self-score', '8.555');
    q('self-entry-done')!.click();
    await flushPromises();
    expect(save).not.toHaveBeenCalled();
    expect(q('self-entry-error')!.textContent).toContain('两位小数');
  });

  it('saves what is typed a moment after the last keystroke, only the field the method takes', async () => {
    vi.useFakeTimers();
    const completion: SelfGoalView = { ...goal, method: { kind: 'completion' }, item: { ...item, methodKind: 'completion', achieved: 90, selfScore: 900 } };
    const save = vi.fn(async (b: SaveSelfBody) => ({ ...completion.item!, ...b, version: 3 }));
    await open(save, completion);
    await type('self-narrative', '全年完成九成五');
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1600);
    await flushPromises();
    expect(save).toHaveBeenCalledWith({ achieved: 90, narrative: '全年完成九成五', evidence: [], version: 2 });
  });
});

describe('self-assessment sheet', () => {
  it('writes one row per goal with the unit’s input and its own score to two decimals', () => {
    const view = { goals: [goal, { ...goal, indicatorId: '1.2', name: '安全生产', method: { kind: 'deduction', perOccurrence: 50 }, item: { ...item, indicatorId: '1.2', methodKind: 'deduction', occurrences: 2, selfScore: 900 } }] } as unknown as UnitSelfView;
    const rows = selfRows(view);
    expect(rows[0]![0]).toBe('指标编号');
    expect(rows[1]).toEqual(['3.2', '党的建设', '党风廉政建设', '10.00', '直接评分法', '市统计局', '100', '%', '7.00', '7.00', '全年完成', '']);
    expect(rows[2]!.slice(8, 10)).toEqual(['2 次', '9.00']);
  });
});

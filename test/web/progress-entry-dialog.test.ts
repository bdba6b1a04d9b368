// The progress entry dialog: an entry opened shows what was saved (a fed value as 系统采集, not
// editable); a declaration of nothing to report waits for its reason; what is typed is saved with
// the version read, without a button pressed.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProgressGoal, SaveEntryBody } from '@/api/progress-reports';
import EntryDialog from '@/views/progress/unit/EntryDialog.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const item = {
  cycleId: '2026', unitId: 'yl-yuzhou', period: '2026-11', indicatorId: '1.1', categoryId: 'c1', assessorUnitId: 'yl-tjj', nothingToReport: false,
  value: 42, narrative: '完成四成', evidence: [], status: 'draft' as const, late: false, version: 3, updatedAt: '2026-11-20T00:00:00Z', updatedBy: 'yuzhou_staff',
};
const goal: ProgressGoal = { indicatorId: '1.1', name: '地区生产总值增长', target: 90, unitOfMeasure: '%', milestones: [], assessorUnitId: 'yl-tjj', item };
const scope = { regionId: '450900', cycleId: '2026', unitId: 'yl-yuzhou', period: '2026-11' };

describe('progress entry dialog', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.useRealTimers();
  });
  async function open(save: (b: SaveEntryBody) => Promise<any>, g: ProgressGoal = goal) {
    wrapper = mount(EntryDialog, { props: { modelValue: true, goal: g, scope, editable: true, save }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }

  it('shows the saved entry when opened, and a fed value as collected by the system, not editable', async () => {
    await open(vi.fn());
    expect(document.body.querySelector<HTMLInputElement>('[data-testid="progress-value"] input, input[data-testid="progress-value"]')!.value).toBe('42.00');
    wrapper!.unmount();
    document.body.innerHTML = '';
    await open(vi.fn(), { ...goal, item: { ...item, value: 77, fed: { value: 77, systemId: 'tj', systemName: '统计联网直报', at: '' } } });
    expect(q('progress-fed')!.textContent).toContain('77');
    expect(document.body.textContent).toContain('系统采集');
    expect(q('progress-value')).toBeNull();
  });

  it('waits for the reason of a declaration, then saves it with the version read and no value', async () => {
    const save = vi.fn(async (b: SaveEntryBody) => ({ ...item, ...b, value: undefined, version: 4 }));
    await open(save);
    q('progress-nothing')!.click();
    await flushPromises();
    q('progress-entry-done')!.click();
    await flushPromises();
    expect(save).not.toHaveBeenCalled();
    expect(q('progress-entry-error')!.textContent).toContain('原因');
    const reason = document.body.querySelector<HTMLInputElement>('input[data-testid="progress-nothing-reason"], [data-testid="progress-nothing-reason"] input')!;
    reason.value = '按季度统计';
    reason.dispatchEvent(new Event('input'));
    await flushPromises();
    q('progress-entry-done')!.click();
    await flushPromises();
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ nothingToReport: true, nothingReason: '按季度统计', version: 3, evidence: [] }));
    expect(save.mock.calls.at(-1)![0]).not.toHaveProperty('value');
  });

  it('saves what is typed a moment after the last keystroke', async () => {
    vi.useFakeTimers();
    const save = vi.fn(async (b: SaveEntryBody) => ({ ...item, ...b, version: 4 }));
    await open(save);
    const narrative = document.body.querySelector<HTMLTextAreaElement>('textarea[data-testid="progress-narrative"], [data-testid="progress-narrative"] textarea')!;
    narrative.value = '完成四成半';
    narrative.dispatchEvent(new Event('input'));
    await flushPromises();
    expect(save).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1600);
    await flushPromises();
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ narrative: '完成四成半', value: 42, version: 3 }));
  });
});

// Raising feedback: the unit, then one of the indicators offered for it (or none: the unit as a
// whole), the problem and the dates; nothing is sent without the required fields, and the API's
// refusal (e.g. a date of receipt in the future) is shown in the dialog, which stays open.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import RaiseDialog from '@/views/feedback/RaiseDialog.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('raise dialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });

  it('offers the chosen unit’s indicators, sends the item, and shows a refusal', async () => {
    const leavesOf = vi.fn(async (unitId: string) => (unitId === 'yz' ? [{ id: '1.1', name: '地区生产总值增长' }] : []));
    const send = vi.fn(async () => {
      throw new ApiError(400, 'VALIDATION', '反馈意见有误', [{ path: 'body.receivedOn', message: '送达日期应在 2026-01-01 至今天（2026-12-03）之间' }]);
    });
    const upload = vi.fn(async (_unitId: string, _file: File, onProgress: (p: number) => void) => (onProgress(100), 'file00000000000000007'));
    wrapper = mount(RaiseDialog, { props: { modelValue: false, units: [{ unitId: 'yz', name: '玉州区' }], today: '2026-12-03', leavesOf, send, upload }, global: { plugins: plugins() }, attachTo: document.body });
    await wrapper.setProps({ modelValue: true });
    await flushPromises();
    q('fb-raise-send')!.click();
    await flushPromises();
    expect(send).not.toHaveBeenCalled();
    expect(q('fb-raise-error')!.textContent).toContain('请填写必填项');

    const selects = wrapper.findAllComponents({ name: 'ElSelect' });
    selects[0]!.vm.$emit('update:modelValue', 'yz');
    await flushPromises();
    expect(leavesOf).toHaveBeenCalledWith('yz');
    selects[1]!.vm.$emit('update:modelValue', '1.1');
    // Evidence is uploaded for the chosen unit (offered once a unit is chosen).
    const input = document.body.querySelector<HTMLInputElement>('[data-testid="fb-raise-evidence-file-input"]')!;
    Object.defineProperty(input, 'files', { value: [new File(['%PDF-1.4'], '督查记录.pdf', { type: 'application/pdf' })], configurable: true });
    input.dispatchEvent(new Event('change'));
    await flushPromises();
    expect(upload).toHaveBeenCalledWith('yz', expect.any(File), expect.any(Function));
    expect(q('fb-raise-evidence-files')!.textContent).toContain('督查记录.pdf');
    const problem = document.body.querySelector<HTMLTextAreaElement>('[data-testid="fb-raise-problem"] textarea, textarea[data-testid="fb-raise-problem"]')!;
    problem.value = '季度数据报送逾期';
    problem.dispatchEvent(new Event('input'));
    wrapper.findAllComponents({ name: 'ElDatePicker' })[1]!.vm.$emit('update:modelValue', '2026-12-31');
    await flushPromises();
    q('fb-raise-send')!.click();
    await flushPromises();
    expect(send).toHaveBeenCalledWith('yz', { indicatorId: '1.1', problem: '季度数据报送逾期', evidence: ['file00000000000000007'], receivedOn: '2026-12-03', resultDue: '2026-12-31' });
    expect(q('fb-raise-error')!.textContent).toContain('送达日期应在');
    expect(wrapper.emitted('update:modelValue')).toBeUndefined();
  }, 20_000);
});

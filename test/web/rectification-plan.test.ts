// 整改计划 dialog: the unit's filer drafts a plan — sent only when complete, a refusal kept in the dialog
// with the field it names and nothing typed lost; the leader approves a submitted plan or returns it with
// a reason (required); the filer reports progress on an approved plan, the leader may also mark it done;
// the bureau accepts or returns a completion (a reason required); an overdue plan says so. The bureau's
// export marks overdue plans.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { RectificationView } from '@/api/rectification';
import PlanDialog from '@/views/rectification/PlanDialog.vue';
import { rectificationRows, RECTIFICATION_HEADER } from '@/views/rectification/rectification-xlsx';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
async function type(id: string, value: string) {
  const el = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-testid="${id}"] input, [data-testid="${id}"] textarea, input[data-testid="${id}"], textarea[data-testid="${id}"]`)!;
  el.value = value;
  el.dispatchEvent(new Event('input'));
  await flushPromises();
}
const problem = { id: 'score:2.3', title: '生态环境保护失分 2.10 分', detail: '评分标准：按优、良、中、差评定', key: false };
const plan = (over: Partial<RectificationView> = {}): RectificationView => ({
  cycleId: '2025',
  unitId: 'yl-yuzhou',
  problemId: 'score:2.3',
  unitName: '玉州区',
  categoryId: 'c1',
  kind: 'score',
  key: false,
  indicatorId: '2.3',
  problemTitle: problem.title,
  problemDetail: problem.detail,
  responsible: '张伟',
  responsiblePost: '区住房和城乡建设局局长',
  measures: '建立项目清单',
  commitment: '年底前完成',
  deadline: '2026-12-20',
  status: 'draft',
  progress: [],
  escalations: [],
  createdAt: '2026-12-01T00:00:00Z',
  createdBy: 'yuzhou_staff',
  version: 3,
  updatedAt: '2026-12-01T00:00:00Z',
  updatedBy: 'yuzhou_staff',
  overdue: false,
  ...over,
});

describe('rectification plan dialog', { timeout: 30_000 }, () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });
  function mountDialog(props: Record<string, unknown>) {
    wrapper = mount(PlanDialog, { props: { modelValue: true, problem, role: 'unit_staff', open: true, today: '2026-12-03', ...props }, global: { plugins: plugins() }, attachTo: document.body });
    return flushPromises();
  }

  it('the filer’s new plan is sent only when complete; a refusal stays in the dialog with what was typed', async () => {
    const save = vi.fn().mockRejectedValueOnce(new ApiError(400, 'VALIDATION', '整改计划有误', [{ path: 'body.deadline', message: '整改期限最迟为 2026-12-31' }])).mockResolvedValue({});
    await mountDialog({ save });
    expect(q('rect-submit')).toBeNull();
    q('rect-save')!.click();
    await flushPromises();
    expect(save).not.toHaveBeenCalled();
    expect(q('rect-error')!.textContent).toContain('请填写所有必填项');
    await type('rect-responsible', '张伟');
    await type('rect-post', '区住房和城乡建设局局长');
    await type('rect-measures', '建立项目清单，倒排工期');
    await type('rect-commitment', '年底前完成');
    (wrapper!.findComponent({ name: 'ElDatePicker' }).vm as unknown as { $emit: (e: string, v: string) => void }).$emit('update:modelValue', '2027-01-05');
    await flushPromises();
    q('rect-save')!.click();
    await flushPromises();
    expect(save).toHaveBeenCalledWith({ responsible: '张伟', responsiblePost: '区住房和城乡建设局局长', measures: '建立项目清单，倒排工期', commitment: '年底前完成', deadline: '2027-01-05' });
    expect(q('rect-error')!.textContent).toContain('整改期限最迟为 2026-12-31');
    expect(document.body.querySelector<HTMLTextAreaElement>('[data-testid="rect-measures"] textarea, textarea[data-testid="rect-measures"]')!.value).toBe('建立项目清单，倒排工期');
    q('rect-save')!.click();
    await flushPromises();
    expect(save).toHaveBeenCalledTimes(2);
    expect(wrapper!.emitted('update:modelValue')?.at(-1)).toEqual([false]);
  });

  it('a saved draft: the filer submits it with its version; the leader approves it instead', async () => {
    const submit = vi.fn().mockResolvedValue({});
    await mountDialog({ plan: plan(), submit, save: vi.fn() });
    expect(q('rect-approve')).toBeNull();
    q('rect-submit')!.click();
    await flushPromises();
    expect(submit).toHaveBeenCalledWith(3);
    wrapper!.unmount();
    const review = vi.fn().mockResolvedValue({});
    await mountDialog({ plan: plan(), role: 'unit_leader', review, save: vi.fn() });
    expect(q('rect-submit')).toBeNull();
    q('rect-approve')!.click();
    await flushPromises();
    expect(review).toHaveBeenCalledWith({ decision: 'approve', version: 3 });
  });

  it('the leader returns a submitted plan only with a reason', async () => {
    const review = vi.fn().mockResolvedValue({});
    await mountDialog({ plan: plan({ status: 'submitted' }), role: 'unit_leader', review });
    expect(q('rect-form')).toBeNull();
    q('rect-leader-return')!.click();
    await flushPromises();
    expect(review).not.toHaveBeenCalled();
    await type('rect-reason', '措施不够具体');
    q('rect-leader-return')!.click();
    await flushPromises();
    expect(review).toHaveBeenCalledWith({ decision: 'return', reason: '措施不够具体', version: 3 });
  });

  it('an approved plan: the filer reports progress (no 整改完成); the leader may mark it done; overdue is said', async () => {
    const report = vi.fn().mockResolvedValue({});
    await mountDialog({ plan: plan({ status: 'approved', overdue: true, deadline: '2026-11-30' }), report, upload: vi.fn() });
    expect(q('rect-dialog-overdue')!.textContent).toContain('2026-11-30');
    expect(q('rect-complete')).toBeNull();
    await type('rect-text', '已开工 3 个小区');
    q('rect-report')!.click();
    await flushPromises();
    expect(report).toHaveBeenCalledWith({ text: '已开工 3 个小区', evidence: [], version: 3 });
    wrapper!.unmount();
    const complete = vi.fn().mockResolvedValue({});
    await mountDialog({ plan: plan({ status: 'returned', returnReason: '缺少验收材料' }), role: 'unit_leader', complete, report: vi.fn(), upload: vi.fn() });
    expect(document.body.textContent).toContain('缺少验收材料');
    await type('rect-text', '已补充材料');
    q('rect-complete')!.click();
    await flushPromises();
    expect(complete).toHaveBeenCalledWith({ result: '已补充材料', evidence: [], version: 3 });
  });

  it('the bureau accepts a completion, or returns it only with a reason; nothing to do on a plan in progress', async () => {
    const decide = vi.fn().mockResolvedValue({});
    await mountDialog({ plan: plan({ status: 'completed', result: { text: '完成', evidence: [], at: '2026-12-02T00:00:00Z', by: 'yuzhou_leader', late: false } }), role: 'bureau_staff', decide });
    q('rect-return')!.click();
    await flushPromises();
    expect(decide).not.toHaveBeenCalled();
    q('rect-accept')!.click();
    await flushPromises();
    expect(decide).toHaveBeenCalledWith({ decision: 'accept', version: 3 });
    wrapper!.unmount();
    await mountDialog({ plan: plan({ status: 'approved' }), role: 'bureau_staff', decide });
    expect(q('rect-accept')).toBeNull();
    expect(q('rect-report')).toBeNull();
  });

  it('the export: one row per plan, overdue marked', () => {
    const rows = rectificationRows([plan({ status: 'approved', overdue: true, progress: [{ id: 'p1', text: '已开工', evidence: [], at: '2026-12-01T00:00:00Z', by: 'x' }] })]);
    expect(rows[0]).toEqual([...RECTIFICATION_HEADER]);
    expect(rows[1]).toEqual(['玉州区', problem.title, '否', '张伟', '区住房和城乡建设局局长', '建立项目清单', '年底前完成', '2026-12-20', '整改中', '是', '1', '已开工']);
  });
});

// A feedback item as the portal shows it: both clocks (暂定 when provisional, overdue in red, a late
// answer marked late), the history timeline, and the moves: the unit answers with the version read,
// the sender sends back only with reasons and a new date; a refusal stays in the dialog.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FeedbackView } from '@/api/feedback';
import { ApiError } from '@/api/http';
import FeedbackDialog from '@/views/feedback/FeedbackDialog.vue';
import { plugins } from './setup';

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const base: FeedbackView = {
  cycleId: '2026', unitId: 'yz', feedbackId: '00000000-0000-4000-8000-000000000001', unitName: '玉州区', senderKind: 'bureau', senderUnitId: 'jxb', senderUnitName: '市绩效办',
  problem: '三季度投资完成率偏低', evidence: [], receivedOn: '2026-09-30', answerDue: { date: '2026-10-20', provisional: false }, resultDue: '2026-12-31', status: 'open',
  escalations: [], history: [{ step: 'raise', at: '2026-09-30T02:00:00Z', by: 'yl_staff', role: 'bureau_staff' }, { step: 'escalate', at: '2026-10-21T17:00:00Z', by: 'system:daily', role: 'system', note: '答复逾期（截止 2026-10-20），已通知单位负责人' }],
  raisedAt: '2026-09-30T02:00:00Z', raisedBy: 'yl_staff', version: 2, updatedAt: '2026-10-21T17:00:00Z', updatedBy: 'system:daily',
  answerClock: { date: '2026-10-20', provisional: false, daysLeft: -2, done: false, late: false, overdue: true },
  resultClock: { date: '2026-12-31', provisional: false, done: false, late: false, overdue: false },
  canAnswer: true, canReport: false, canDecide: false,
};
const noop = async () => ({});
/** Picks files in the input of an evidence list, as the browser's file chooser does. */
async function pickFiles(testid: string, files: File[]) {
  const input = document.body.querySelector<HTMLInputElement>(`[data-testid="${testid}-file-input"]`)!;
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  input.dispatchEvent(new Event('change'));
  await flushPromises();
}

describe('feedback dialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
  });
  const upload = vi.fn(async (_file: File, onProgress: (p: number) => void) => (onProgress(100), 'file00000000000000001'));
  const download = vi.fn(async (_fileId: string) => undefined);
  async function open(item: FeedbackView, moves: Partial<Record<'answer' | 'report' | 'decide', (b: any) => Promise<unknown>>> = {}) {
    wrapper = mount(FeedbackDialog, { props: { modelValue: true, item, today: '2026-10-22', answer: noop, report: noop, decide: noop, upload, download, ...moves }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  const type = async (id: string, value: string) => {
    const el = document.body.querySelector<HTMLTextAreaElement>(`[data-testid="${id}"] textarea, textarea[data-testid="${id}"]`)!;
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await flushPromises();
  };

  it('shows the answer clock overdue in red and the escalation in the history', async () => {
    await open(base);
    const clock = q('fb-dialog-answer-clock')!;
    expect(clock.className).toContain('fb-clock--overdue');
    expect(clock.textContent).toContain('2026-10-20');
    expect(clock.textContent).toContain('已逾期 2 个工作日');
    expect(q('fb-provisional')).toBeNull();
    expect(q('fb-history')!.textContent).toContain('逾期督办');
    expect(q('fb-history')!.textContent).toContain('已通知单位负责人');
  });

  it('marks a provisional date 暂定 and says it will be recomputed', async () => {
    await open({ ...base, answerDue: { date: '2027-02-17', provisional: true }, answerClock: { date: '2027-02-17', provisional: true, daysLeft: 10, done: false, late: false, overdue: false } });
    expect(q('fb-dialog-answer-clock')!.textContent).toContain('暂定');
    expect(q('fb-dialog-answer-clock')!.textContent).toContain('剩 10 个工作日');
    expect(document.body.textContent).toContain('自动重新计算');
  });

  it('the unit answers with both fields and the version read; a refusal stays in the dialog', async () => {
    const answer = vi.fn(async () => {
      throw new ApiError(409, 'CONFLICT', '该反馈已被他人修改，请刷新后重试');
    });
    await open(base, { answer });
    q('fb-answer-send')!.click();
    await flushPromises();
    expect(answer).not.toHaveBeenCalled();
    expect(q('fb-error')!.textContent).toContain('请填写必填项');
    await type('fb-answer-explanation', '国庆后复工延迟');
    await type('fb-answer-measures', '每周调度');
    q('fb-answer-send')!.click();
    await flushPromises();
    expect(answer).toHaveBeenCalledWith({ explanation: '国庆后复工延迟', measures: '每周调度', evidence: [], version: 2 });
    expect(q('fb-error')!.textContent).toContain('已被他人修改');
  });

  it('shows the sender’s files as downloads; the unit uploads its own with the answer, a wrong type refused in the browser', async () => {
    const answer = vi.fn(async () => ({}));
    const sent = { fileId: 'sent0000000000000001', name: '督查通报.pdf', contentType: 'application/pdf' as const, size: 2048, sha256: `${'A'.repeat(43)}=`, uploadedAt: '2026-09-30T02:00:00Z', uploadedBy: 'yl_staff' };
    await open({ ...base, evidence: [sent] }, { answer });
    expect(q('fb-evidence-files')!.textContent).toContain('督查通报.pdf');
    q('fb-evidence-download')!.click();
    await flushPromises();
    expect(download).toHaveBeenCalledWith(sent.fileId);
    await pickFiles('fb-reply-evidence', [new File(['x'], 'virus.exe', { type: 'application/x-msdownload' }), new File(['%PDF-1.4'], '整改方案.pdf', { type: 'application/pdf' })]);
    expect(q('fb-reply-evidence-upload-error')!.textContent).toContain('只能上传');
    expect(upload).toHaveBeenCalledTimes(1);
    expect(q('fb-reply-evidence-files')!.textContent).toContain('整改方案.pdf');
    await type('fb-answer-explanation', '已说明');
    await type('fb-answer-measures', '已整改');
    q('fb-answer-send')!.click();
    await flushPromises();
    expect(answer).toHaveBeenCalledWith({ explanation: '已说明', measures: '已整改', evidence: ['file00000000000000001'], version: 2 });
  });

  it('a late answer stays marked late; the sender sends back only with reasons and a new date', async () => {
    const decide = vi.fn(async () => ({}));
    const reported: FeedbackView = {
      ...base,
      status: 'reported',
      answer: { explanation: 'e', measures: 'm', evidence: [], at: '2026-10-23T02:00:00Z', by: 'yz', late: true },
      result: { text: '已整改', evidence: [], at: '2026-11-01T02:00:00Z', by: 'yz', late: false },
      answerClock: { date: '2026-10-20', provisional: false, done: true, late: true, overdue: false },
      resultClock: { date: '2026-12-31', provisional: false, done: true, late: false, overdue: false },
      canAnswer: false,
      canDecide: true,
      version: 4,
    };
    await open(reported, { decide });
    expect(q('fb-dialog-answer-clock')!.textContent).toContain('逾期');
    expect(q('fb-dialog-result-clock')!.textContent).toContain('按时');
    expect(q('fb-answer-form')).toBeNull();
    q('fb-return-send')!.click();
    await flushPromises();
    expect(decide).not.toHaveBeenCalled();
    await type('fb-return-reason', '材料不全');
    // The date picker as the user leaves it: its model set to the chosen date.
    wrapper!.findComponent({ name: 'ElDatePicker' }).vm.$emit('update:modelValue', '2027-01-15');
    await flushPromises();
    q('fb-return-send')!.click();
    await flushPromises();
    expect(decide).toHaveBeenCalledWith({ decision: 'return', reason: '材料不全', resultDue: '2027-01-15', version: 4 });
    q('fb-accept-send')!.click();
    await flushPromises();
    expect(decide).toHaveBeenLastCalledWith({ decision: 'accept', version: 4 });
  }, 20_000);
});

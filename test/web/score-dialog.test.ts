// The score dialog: the input read as exact hundredths by the shared engine (87.5 % → 8750, 12.3 分 →
// 1230; three decimals refused in the dialog, nothing sent), the version read sent with it, a refusal
// (a correction without reason) shown in the dialog, and the engine's score, explanation and the kept
// corrections shown after the save.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { ScoreView, WorkRow } from '@/api/scores';
import ScoreDialog from '@/views/scoring/ScoreDialog.vue';
import { plugins } from './setup';

vi.mock('@/api/scores', () => ({ getScoreApi: vi.fn(), saveScoreApi: vi.fn(), saveSurveyApi: vi.fn() }));
const api = await import('@/api/scores');

const q = (id: string) => document.body.querySelector<HTMLElement>(`[data-testid="${id}"]`);
const row = (over: Partial<WorkRow>): WorkRow => ({ unitId: 'yl-yuzhou', unitName: '玉州区', categoryId: 'c1', categoryName: '县（市、区）', indicatorId: '3.1', indicatorName: '社会公众评价', methodKind: 'satisfaction', points: 1500, state: 'toScore', ...over });
const saved = (over: Partial<ScoreView>): ScoreView => ({
  unitId: 'yl-yuzhou', indicatorId: '3.1', categoryId: 'c1', assessorUnitId: 'yl-sqmy', points: 1500, common: true, methodKind: 'satisfaction', inputs: { rate: 8750 }, corrections: [],
  score: 1313, explanation: ['社会公众评价：15.00 分 × 满意率 87.50% = 13.13 分'], status: 'draft', version: 1, updatedAt: '2027-02-01T00:00:00Z', updatedBy: 'yl_third', ...over,
});

describe('score dialog', () => {
  let wrapper: VueWrapper | undefined;
  afterEach(() => {
    wrapper?.unmount();
    document.body.innerHTML = '';
    vi.mocked(api.saveSurveyApi).mockReset();
    vi.mocked(api.saveScoreApi).mockReset();
  });
  async function open(r: WorkRow) {
    wrapper = mount(ScoreDialog, { props: { row: r, regionId: '450900', cycleId: '2026', editable: true }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
  }
  async function type(id: string, value: string) {
    const el = document.body.querySelector<HTMLInputElement | HTMLTextAreaElement>(`input[data-testid="${id}"], [data-testid="${id}"] input, textarea[data-testid="${id}"], [data-testid="${id}"] textarea`)!;
    el.value = value;
    el.dispatchEvent(new Event('input'));
    await flushPromises();
  }
  const save = async () => {
    q('score-save')!.click();
    await flushPromises();
  };

  it('sends a survey rate as exact hundredths of a percent and shows the engine’s score', async () => {
    vi.mocked(api.saveSurveyApi).mockResolvedValue(saved({}));
    await open(row({}));
    await type('score-input', '87.5');
    await save();
    expect(vi.mocked(api.saveSurveyApi).mock.calls[0]!.slice(1)).toEqual(['2026', 'yl-yuzhou', '3.1', { rate: 8750, version: 0 }]);
    expect(q('score-result')!.textContent).toContain('13.13');
    expect(q('score-result')!.textContent).toContain('满意率 87.50%');
    expect(wrapper!.emitted('saved')).toHaveLength(1);
  });

  it('refuses three decimals in the dialog and sends nothing', async () => {
    await open(row({}));
    await type('score-input', '87.555');
    await save();
    expect(api.saveSurveyApi).not.toHaveBeenCalled();
    expect(q('score-error')!.textContent).toContain('两位小数');
  });

  it('shows the API’s refusal of a correction without reason, then the kept correction once given', async () => {
    vi.mocked(api.getScoreApi).mockResolvedValue({ row: row({ methodKind: 'direct', indicatorId: '1.2', points: 2500, score: saved({ methodKind: 'direct', indicatorId: '1.2', inputs: { score: 2000 }, score: 2000, version: 3 }) }), editable: true });
    vi.mocked(api.saveScoreApi)
      .mockRejectedValueOnce(new ApiError(400, 'VALIDATION', '更正输入须说明理由：body.reason（「评分」由 20.00 改为 12.30，请填写更正理由）', [{ path: 'body.reason', message: '请填写更正理由' }]))
      .mockResolvedValueOnce(
        saved({ methodKind: 'direct', indicatorId: '1.2', inputs: { score: 1230 }, score: 1230, version: 4, explanation: ['直接评分法：考评单位直接评定 12.30 分（满分 25.00 分）'], corrections: [{ field: 'score', from: '20.00', to: '12.30', reason: '复核台账后下调', by: 'yl_staff', at: '2027-02-01T00:00:00Z' }] }),
      );
    await open(row({ methodKind: 'direct', indicatorId: '1.2', points: 2500 }));
    expect((document.body.querySelector('[data-testid="score-input"] input, input[data-testid="score-input"]') as HTMLInputElement).value).toBe('20.00');
    await type('score-input', '12.3');
    await save();
    expect(vi.mocked(api.saveScoreApi).mock.calls[0]!.slice(1)).toEqual(['2026', 'yl-yuzhou', '1.2', { inputs: { score: 1230 }, version: 3 }]);
    expect(q('score-error')!.textContent).toContain('请填写更正理由');
    await type('score-reason', '复核台账后下调');
    await save();
    expect(vi.mocked(api.saveScoreApi).mock.calls[1]![4]).toEqual({ inputs: { score: 1230 }, version: 3, reason: '复核台账后下调' });
    expect(q('score-error')).toBeNull();
    expect(q('score-corrections')!.textContent).toContain('复核台账后下调');
    expect(q('score-result')!.textContent).toContain('12.30');
  });
});

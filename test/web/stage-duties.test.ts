// 阶段任务 on the cycle page and the timeline's duty counts: the panel names the units that have not
// delivered (all on a switch), counts them, offers 办理延期 only for those, sends the extension with
// the version read and reloads, shows the API's refusal in the dialog; the timeline never calls a
// stage advanced with units outstanding "done".
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StageDutiesView } from '@shared/contracts/duties.ts';
import { configureHttp } from '@/api/http';
import StageTimeline from '@/components/StageTimeline/index.vue';
import ExtensionDialog from '@/views/cycle/detail/ExtensionDialog.vue';
import StageDuties from '@/views/cycle/detail/StageDuties.vue';
import { dutyStages } from '@/views/cycle/detail/useStageDuties';
import UnitDutyBanner from '@/components/UnitDutyBanner.vue';
import { cycleFixture, days } from './fixtures';
import { plugins } from './setup';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const DUTIES = '/api/regions/450900/cycles/2027/duties/goal_setting';
const line = (delivered: boolean, deliveredAt?: string, late = false) => [{ dutyId: 'goals.submit', delivered, late, ...(deliveredAt ? { deliveredAt } : {}) }];

function dutiesView(extended = false): StageDutiesView {
  return {
    stage: 'goal_setting',
    deadline: '2027-02-28',
    current: true,
    duties: [{ id: 'goals.submit', who: 'unit', what: '报送本单位年度绩效目标' }],
    items: [
      { unitId: 'yz', unitName: '玉州区', lines: line(true, '2027-02-20T02:00:00.000Z'), delivered: true, deadline: '2027-02-28', version: 0 },
      { unitId: 'jyj', unitName: '市教育局', lines: line(false), delivered: false, deadline: extended ? '2027-03-10' : '2027-02-28', missedDeadline: '2027-02-28', version: extended ? 3 : 2, ...(extended ? { extension: { until: '2027-03-10', reason: '机构改革', grantedAt: '2027-03-01T01:00:00.000Z', grantedBy: 'yl_staff' } } : {}) },
      { unitId: 'tjj', unitName: '市统计局', lines: line(false), delivered: false, deadline: '2027-02-28', version: 0 },
    ],
    counts: { total: 3, delivered: 1, outstanding: 2, late: 0, extended: extended ? 1 : 0 },
  };
}

describe('stage duties panel', () => {
  const fetchMock = vi.fn<typeof fetch>();
  let wrapper: VueWrapper | undefined;

  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => {
    wrapper?.unmount();
    wrapper = undefined;
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  async function mountPanel(extensionAnswer?: Response) {
    let granted = false;
    fetchMock.mockImplementation(async (input, init) => {
      const url = String(input);
      if (url === DUTIES && (!init?.method || init.method === 'GET')) return json(200, dutiesView(granted));
      if (url === `${DUTIES}/units/jyj/extension` && init?.method === 'POST' && extensionAnswer) {
        granted = extensionAnswer.status === 201;
        return extensionAnswer;
      }
      return json(404, { error: { code: 'NOT_FOUND', message: url } });
    });
    wrapper = mount(StageDuties, { props: { regionId: '450900', cycleId: '2027', cycle: cycleFixture({ currentStage: 2, remainingMs: -days(1, 0) }) }, global: { plugins: plugins() }, attachTo: document.body });
    await flushPromises();
    return wrapper;
  }

  it('names the units that have not delivered, with the counts; the switch shows every unit', async () => {
    const w = await mountPanel();
    expect(w.get('[data-testid="duties-counts"]').text()).toContain('已完成 1 / 3 个单位');
    expect(w.get('[data-testid="duties-outstanding-count"]').text()).toBe('未完成 2 个');
    expect(w.find('[data-testid="duty-row-yz"]').exists()).toBe(false);
    expect(w.get('[data-testid="duty-row-jyj"]').text()).toBe('市教育局');
    expect(w.get('[data-testid="duty-state-jyj"]').text()).toBe('已超期');
    expect(w.get('[data-testid="duty-state-tjj"]').text()).toBe('未完成');
    expect(w.find('[data-testid="duty-extend-jyj"]').exists()).toBe(true);

    await w.get('[data-testid="duties-outstanding-only"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="duty-state-yz"]').text()).toBe('已完成');
    expect(w.find('[data-testid="duty-extend-yz"]').exists()).toBe(false);
  });

  it('grants an extension with the version read, then shows the unit’s new date', async () => {
    const w = await mountPanel(json(201, { ...dutiesView(true).items[1] }));
    await w.get('[data-testid="duty-extend-jyj"]').trigger('click');
    await flushPromises();
    const dialog = w.getComponent(ExtensionDialog);
    expect(dialog.props('unit')).toMatchObject({ unitId: 'jyj' });
    dialog.vm.$emit('grant', { until: '2027-03-10', reason: '机构改革' });
    await flushPromises();

    const sent = fetchMock.mock.calls.find(([, i]) => i?.method === 'POST');
    expect(JSON.parse(String(sent?.[1]?.body))).toEqual({ until: '2027-03-10', reason: '机构改革', version: 2 });
    expect(dialog.props('unit')).toBeUndefined();
    expect(w.get('[data-testid="duty-extended-jyj"]').text()).toBe('已延期');
    expect(w.get('[data-testid="duty-row-jyj"]').element.closest('tr')!.textContent).toContain('2027-03-10');
  });

  it('keeps the dialog open with the API’s reason when the extension is refused', async () => {
    const refusal = json(400, { error: { code: 'VALIDATION', message: '延期有误：body.until（延期日期应晚于今天（2027-03-02））', details: [{ path: 'body.until', message: '延期日期应晚于今天（2027-03-02）' }] } });
    const w = await mountPanel(refusal);
    await w.get('[data-testid="duty-extend-jyj"]').trigger('click');
    await flushPromises();
    const dialog = w.getComponent(ExtensionDialog);
    dialog.vm.$emit('grant', { until: '2027-03-01', reason: '机构改革' });
    await flushPromises();
    expect(dialog.props('unit')).toMatchObject({ unitId: 'jyj' });
    expect(dialog.props('errors')).toEqual({ until: '延期日期应晚于今天（2027-03-02）' });
    expect(document.body.querySelector('[data-testid="extension-error"]')?.textContent).toContain('延期有误');
  });
});

describe('stages with duties', () => {
  it('are the opened ones, the current first when it has duties', () => {
    expect(dutyStages(cycleFixture({ currentStage: 1, remainingMs: 1 }))).toEqual({ stages: [], initial: undefined });
    expect(dutyStages(cycleFixture({ currentStage: 3, remainingMs: 1 }))).toEqual({ stages: ['goal_setting', 'goal_review'], initial: 'goal_review' });
    expect(dutyStages(cycleFixture({ currentStage: 4, remainingMs: 1 }))).toEqual({ stages: ['goal_setting', 'goal_review'], initial: 'goal_review' });
    expect(dutyStages(cycleFixture({ currentStage: 5, remainingMs: 1 }))).toEqual({ stages: ['goal_setting', 'goal_review', 'self_assessment'], initial: 'self_assessment' });
  });
});

describe('the timeline’s duty counts', () => {
  it('shows delivered of total, and calls a stage advanced with units outstanding “advanced”, never “done”', () => {
    const cycle = cycleFixture({ currentStage: 3, remainingMs: days(3, 0) });
    cycle.stages[1] = { ...cycle.stages[1]!, duties: { delivered: 30, total: 33 } };
    cycle.stages[2] = { ...cycle.stages[2]!, duties: { delivered: 12, total: 33 } };
    const w = mount(StageTimeline, { props: { cycle }, global: { plugins: plugins() } });
    expect(w.get('[data-testid="stage-goal_setting-duties"]').text()).toBe('30 / 33 个单位已完成');
    expect(w.get('[data-testid="stage-goal_setting-state"]').text()).toBe('已推进（未全部完成）');
    expect(w.get('[data-testid="stage-goal_setting"]').text()).toContain('推进于');
    expect(w.get('[data-testid="stage-plan-state"]').text()).toBe('已完成');
    expect(w.get('[data-testid="stage-goal_review-duties"]').text()).toBe('12 / 33 个单位已完成');
    expect(w.get('[data-testid="stage-goal_review-state"]').text()).toBe('进行中');
  });
});

describe('the unit’s banner', () => {
  const fetchMock = vi.fn<typeof fetch>();
  beforeEach(() => {
    fetchMock.mockReset();
    vi.stubGlobal('fetch', fetchMock);
    configureHttp({ baseUrl: () => '/api', token: () => 'token', onError: () => undefined, onUnauthorized: () => undefined });
  });
  afterEach(() => vi.unstubAllGlobals());

  /** The banner for a unit's row; `open`: the unit may still deliver now (the API decides it from its clock). */
  async function banner(row: StageDutiesView['items'][number], stage = 2, open = true) {
    fetchMock.mockImplementation(async (input) =>
      String(input) === `${DUTIES}/units/${row.unitId}` ? json(200, { ...row, stage: 'goal_setting', current: true, open, duties: [{ id: 'goals.submit', what: '报送本单位年度绩效目标' }] }) : json(404, { error: { code: 'NOT_FOUND', message: 'x' } }),
    );
    const w = mount(UnitDutyBanner, { props: { regionId: '450900', cycleId: '2027', unitId: row.unitId, stage }, global: { plugins: plugins() } });
    await flushPromises();
    return w;
  }

  it('says what the unit owes and by when, the extension, the closed and the overdue lock, or that it is done', async () => {
    const [done, missed, open] = dutiesView().items;
    expect((await banner(open!)).get('[data-testid="unit-duty"]').text()).toContain('本单位需完成：报送本单位年度绩效目标，截止 2027-02-28 24:00');
    // Past the deadline, before the escalation has run: closed, not yet recorded; the page hears of it.
    const closed = await banner(open!, 2, false);
    expect(closed.get('[data-testid="unit-duty"]').text()).toContain('截止日期 2027-02-28 已过，不能再提交');
    expect(closed.emitted('closed')).toHaveLength(1);
    expect((await banner(open!)).emitted('closed')).toBeUndefined();
    expect((await banner(missed!, 2, false)).get('[data-testid="unit-duty"]').text()).toContain('已被记录为超期');
    const extended = (await banner(dutiesView(true).items[1]!)).get('[data-testid="unit-duty"]').text();
    expect(extended).toContain('截止 2027-03-10 24:00');
    expect(extended).toContain('延期至 2027-03-10 24:00（理由：机构改革）');
    expect((await banner(done!)).get('[data-testid="unit-duty"]').text()).toContain('任务已完成');
  });

  it('asks nothing in a stage without duties', async () => {
    const w = await banner(dutiesView().items[2]!, 4);
    expect(fetchMock).not.toHaveBeenCalled();
    expect(w.find('[data-testid="unit-duty"]').exists()).toBe(false);
  });
});

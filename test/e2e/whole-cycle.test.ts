// One whole small cycle on the development clock, as the bureau, a unit and the public live it (issue
// 14's "Done means"): 玉林市 2027 with three counties in one category (玉州区 through its demo accounts;
// 福绵区 and 北流市 through accounts the bureau opens and the security administrator grants), a
// four-leaf plan, goals, a progress report, feedback, self-assessment, scoring and the survey, the
// computation, a review, grading and confirmation, the reports and the notice, rectification, closing
// with reward eligibility, and the carried item accepted into 2028's goals. The steps go through the
// API as the portal sends them (each screen has its own e2e file); each stage is looked at in the portal.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '../../cdk/local/stack.ts';
import { now, setClockOffset } from '../../functions/config/clock.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { defaultPlan, type PlanNode } from '../../functions/domain/plan.ts';
import { defaultStageDates, stageNumber, type StageCode } from '../../functions/domain/stages.ts';
import { DEMO_PASSWORD } from '../../cdk/local/demo-data.ts';
import { ApiClient, type Reply } from '../helpers/api-client.ts';
import { hasChromium, openPage, settledScreenshot, signIn, startPortal, type Portal } from '../helpers/portal.ts';

const DAY = 86_400_000;
const YL = '450900';
const YEAR = 2027;
const C = String(YEAR);
const CYCLE = `/regions/${YL}/cycles/${C}`;
/** The category of the three counties (its id is given when saved). */
let CAT = '';
const UNITS = ['yl-yuzhou', 'yl-fumian', 'yl-beiliu'] as const;
/** The leader account acting for each county (玉州区's is the demo's; the others are opened below). */
const LEADER: Record<(typeof UNITS)[number], string> = { 'yl-yuzhou': 'yuzhou_leader', 'yl-fumian': 'fumian_leader', 'yl-beiliu': 'beiliu_leader' };
const PASSWORDS = new Map<string, string>();

const leaf = (id: string, name: string, points: number, assessorUnitId: string, method: PlanNode['method'], common: boolean, criteria: string): PlanNode => ({ id, name, points, assessorUnitId, method, common, criteria });
/** A small county plan: two completion leaves, a common qualitative leaf set by its assessor unit, and the survey. */
const TREE: PlanNode[] = [
  { id: '1', name: '经济发展', points: 6_000, children: [leaf('1.1', '地区生产总值增长', 4_000, 'yl-tjj', { kind: 'completion', capPercent: 10_000 }, false, '按年度目标完成率计分，封顶 100%'), leaf('1.2', '一般公共预算收入', 2_000, 'yl-jxb', { kind: 'completion', capPercent: 10_000 }, false, '按年度目标完成率计分，封顶 100%')] },
  { id: '2', name: '共性指标', points: 2_500, children: [leaf('2.1', '生态环境保护', 2_500, 'yl-sthjj', { kind: 'qualitative' }, true, '按优、良、中、差评定，分别得 100%、85%、70%、50%')] },
  { id: '3', name: '满意度评价', points: 1_500, children: [leaf('3.1', '社会公众评价', 1_500, 'yl-sqmy', { kind: 'satisfaction' }, true, '得分 = 15 分 × 满意率')] },
];

let portal: Portal;
let stack: LocalStack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const shot = (name: string) => settledScreenshot(page, `w-${name}`);

/** Signed-in API clients, dropped whenever the clock moves (a session is timed by the same clock). */
const clients = new Map<string, ApiClient>();
let rotations = 0;
const authCall = async (path: 'login' | 'password', body: unknown) => {
  const res = await fetch(`${stack.url}/api/auth/${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as { token?: string; passwordChangeRequired?: boolean };
};
/** Signs `username` in; a password past its 90 days (the clock runs over a year) is changed first, as the login page asks. */
async function as(username: string): Promise<ApiClient> {
  if (clients.has(username)) return clients.get(username)!;
  const password = PASSWORDS.get(username) ?? DEMO_PASSWORD;
  let answer = await authCall('login', { username, password });
  if (answer.passwordChangeRequired) {
    const newPassword = `Walk#${++rotations}cycle`;
    answer = await authCall('password', { username, password, newPassword });
    PASSWORDS.set(username, newPassword);
  }
  clients.set(username, new ApiClient(stack.url, answer.token!));
  return clients.get(username)!;
}
/** The body of a successful answer (200, or 201 for what a POST made). */
function ok<T>(reply: Reply<T>): T {
  expect([200, 201], JSON.stringify(reply.body)).toContain(reply.status);
  return reply.body;
}

/** Moves the development clock to 09:00 Beijing of `date` (the workflow and the daily job react). */
async function clockTo(date: string): Promise<void> {
  const days = Math.ceil((Date.parse(`${date}T01:00:00Z`) - now()) / DAY);
  if (days > 0) await stack.clock.advanceDays(days);
  clients.clear();
  expect(beijingDate(now()) >= date).toBe(true);
}

/** The bureau advances the cycle from `from`, confirming the units still outstanding, once the workflow waits for it. */
async function advanceFrom(from: StageCode): Promise<void> {
  const bureau = await as('yl_staff');
  await expect
    .poll(async () => {
      const cycle = ok(await bureau.get(`${CYCLE}`));
      if (cycle.currentStage > stageNumber(from)) return 'advanced';
      const body = { stage: stageNumber(from), version: cycle.version };
      let res = await bureau.post(`${CYCLE}/advance`, body);
      if (res.status === 409 && res.body.error.code === 'OUTSTANDING_DUTIES') res = await bureau.post(`${CYCLE}/advance`, { ...body, outstanding: res.body.error.details.length });
      return res.status < 300 ? 'advanced' : `${res.status} ${res.body.error.message}`;
    }, { timeout: 30_000, interval: 500 })
    .toBe('advanced');
}

/** The portal page at `path` as `username` (signed in again: the clock may have ended the last session). */
async function open(username: string, path: string): Promise<void> {
  await as(username);
  await signIn(page, stack.url, username, PASSWORDS.get(username));
  await page.goto(`${stack.url}/#${path}`);
  await page.waitForTimeout(500); // the page's first requests start before the shot waits for them
}

describe.skipIf(!hasChromium)('a whole cycle, from the plan to the next year', () => {
  beforeAll(async () => {
    portal = await startPortal('whole-cycle');
    ({ stack, browser } = portal);
    page = await openPage(browser, pageErrors);
  });

  afterAll(async () => {
    await portal?.stop();
    setClockOffset(0);
    expect(pageErrors).toEqual([]);
  });

  it('1 方案: the bureau opens 2027, puts three counties in one category and sets their plan', async () => {
    const bureau = await as('yl_staff');
    ok(await bureau.post(`/regions/${YL}/cycles`, { year: YEAR, name: `${YEAR}年度绩效考评`, stages: defaultStageDates(YEAR) }));
    const categories = ok(await bureau.get(`${CYCLE}/categories`));
    const saved = ok(await bureau.call('PUT', `${CYCLE}/categories`, { version: categories.version, categories: [{ name: '县（市、区）', unitIds: [...UNITS] }] }));
    CAT = saved.categories[0].categoryId;
    ok(await bureau.call('PUT', `${CYCLE}/plan/${CAT}`, { revision: 0, plan: { ...defaultPlan(), tree: TREE } }));
    // The two counties without demo accounts get a leader each: opened by the bureau, the role granted
    // by the security administrator (三权分立), and a password of their own at the first sign-in.
    const sec = await as('yl_secadmin');
    for (const [unitId, username, name] of [['yl-fumian', 'fumian_leader', '陈国强'], ['yl-beiliu', 'beiliu_leader', '黄志明']] as const) {
      const opened = ok(await bureau.post(`/regions/${YL}/users`, { username, name, role: 'unassigned', unitId }));
      ok(await sec.post(`/regions/${YL}/users/${username}/role`, { role: 'unit_leader', unitId, version: opened.version }));
      const password = 'Zhou#2027walk';
      const res = await fetch(`${stack.url}/api/auth/password`, { method: 'POST', body: JSON.stringify({ username, password: opened.temporaryPassword, newPassword: password }) });
      expect(res.status).toBe(200);
      PASSWORDS.set(username, password);
    }
    await open('yl_staff', `/cycles/${C}/plan`);
    await shot('01-plan');
    await advanceFrom('plan');
  });

  it('2 目标制定: each county drafts its goals, 生态环境局 sets the common one, each leader submits', async () => {
    const targets: Record<string, [number, string]> = { '1.1': [7, '%'], '1.2': [52_000, '万元'] };
    for (const unitId of UNITS) {
      const unit = await as(LEADER[unitId]);
      for (const [indicatorId, [target, unitOfMeasure]] of Object.entries(targets)) {
        ok(await unit.call('PUT', `${CYCLE}/units/${unitId}/goals/${indicatorId}`, { version: 0, target, unitOfMeasure, milestones: [{ date: `${C}-06-30`, expected: target / 2 }, { date: `${C}-11-30`, expected: target }], leadUnitId: unitId, coUnitIds: [], responsible: '分管副职' }));
      }
    }
    const sthjj = await as('yl_sthjj');
    for (const unitId of UNITS) {
      ok(await sthjj.call('PUT', `${CYCLE}/assessors/yl-sthjj/common-goals/2.1`, { unitId, version: 0, target: 1, unitOfMeasure: '项', milestones: [{ date: `${C}-11-30`, expected: 1 }], responsible: '黄丽娟' }));
    }
    await open('yuzhou_staff', `/goals/${C}`);
    await shot('02-goals-unit');
    for (const unitId of UNITS) {
      const unit = await as(LEADER[unitId]);
      const { set } = ok(await unit.get(`${CYCLE}/units/${unitId}/goals`));
      ok(await unit.post(`${CYCLE}/units/${unitId}/goals/submit`, { version: set.version }));
    }
    await advanceFrom('goal_setting');
  });

  it('3 目标审定: the bureau approves every set, and the goals are public', async () => {
    const bureau = await as('yl_staff');
    await open('yl_staff', `/goal-review/${C}`);
    await shot('03-goal-review');
    for (const unitId of UNITS) {
      const { set } = ok(await bureau.get(`${CYCLE}/units/${unitId}/goals`));
      ok(await bureau.post(`${CYCLE}/units/${unitId}/goals/review`, { decision: 'approve', version: set.version }));
    }
    const published = ok(await new ApiClient(stack.url).get(`/public/regions/${YL}/cycles/${C}/units/yl-yuzhou/goals`));
    expect(JSON.stringify(published)).toContain('地区生产总值增长');
    await page.goto(`${stack.url}/#/public/goals/${YL}/${C}/yl-yuzhou`);
    await shot('03-goals-public');
    await advanceFrom('goal_review');
  });

  it('4 过程管理: 玉州区 reports June with its leader’s approval; the bureau’s feedback to 福绵区 is answered and closed', async () => {
    await clockTo(`${C}-07-02`);
    const staff = await as('yuzhou_staff');
    const values: Record<string, number> = { '1.1': 3.6, '1.2': 27_000, '2.1': 1 };
    for (const [indicatorId, value] of Object.entries(values)) {
      ok(await staff.call('PUT', `${CYCLE}/units/yl-yuzhou/progress/${C}-06/${indicatorId}`, { value, nothingToReport: false, narrative: '按计划推进，上半年目标已完成', evidence: [], version: 0 }));
    }
    let { report } = ok(await staff.get(`${CYCLE}/units/yl-yuzhou/progress?period=${C}-06`));
    ({ report } = { report: ok(await staff.post(`${CYCLE}/units/yl-yuzhou/progress/${C}-06/submit`, { version: report.version })).report ?? report });
    const leader = await as('yuzhou_leader');
    ({ report } = ok(await leader.get(`${CYCLE}/units/yl-yuzhou/progress?period=${C}-06`)));
    ok(await leader.post(`${CYCLE}/units/yl-yuzhou/progress/${C}-06/review`, { decision: 'approve', version: report.version }));
    await open('yuzhou_staff', `/progress/${C}`);
    await shot('04-progress-unit');

    const bureau = await as('yl_staff');
    const raised = ok(await bureau.post(`${CYCLE}/units/yl-fumian/feedback`, { indicatorId: '1.2', problem: '上半年一般公共预算收入进度滞后于序时进度', evidence: [], receivedOn: `${C}-07-02`, resultDue: `${C}-09-30` }));
    const fumian = await as('fumian_leader');
    const answered = ok(await fumian.post(`${CYCLE}/units/yl-fumian/feedback/${raised.feedbackId}/answer`, { explanation: '受大宗土地出让延后影响', measures: '加快土地出让与税收清缴', evidence: [], version: raised.version }));
    const reported = ok(await fumian.post(`${CYCLE}/units/yl-fumian/feedback/${raised.feedbackId}/result`, { result: '三季度收入已追上序时进度', evidence: [], version: answered.version }));
    ok(await bureau.post(`${CYCLE}/units/yl-fumian/feedback/${raised.feedbackId}/decision`, { decision: 'accept', version: reported.version }));
    await open('yl_staff', `/feedback/${C}`);
    await shot('04-feedback-bureau');
    await open('yl_staff', '/');
    await shot('04-dashboard');
  });

  it('5 自评: each county assesses its goals against their rules, the leader submits, the bureau confirms', async () => {
    await advanceFrom('execution');
    await clockTo(`${Number(C) + 1}-01-08`);
    const achieved: Record<string, [number, number]> = { 'yl-yuzhou': [7.2, 53_000], 'yl-fumian': [6.1, 47_000], 'yl-beiliu': [6.8, 52_500] };
    for (const unitId of UNITS) {
      const unit = await as(LEADER[unitId]);
      const [gdp, revenue] = achieved[unitId]!;
      ok(await unit.call('PUT', `${CYCLE}/units/${unitId}/self-assessment/1.1`, { achieved: gdp, narrative: `全年地区生产总值增长 ${gdp}%`, evidence: [], version: 0 }));
      ok(await unit.call('PUT', `${CYCLE}/units/${unitId}/self-assessment/1.2`, { achieved: revenue, narrative: `全年一般公共预算收入 ${revenue} 万元`, evidence: [], version: 0 }));
      ok(await unit.call('PUT', `${CYCLE}/units/${unitId}/self-assessment/2.1`, { level: 'excellent', narrative: '中央环保督察反馈问题全部整改到位', evidence: [], version: 0 }));
      const { set } = ok(await unit.get(`${CYCLE}/units/${unitId}/self-assessment`));
      ok(await unit.post(`${CYCLE}/units/${unitId}/self-assessment/submit`, { version: set.version }));
    }
    await open('yuzhou_leader', `/self-assessment/${C}`);
    await shot('05-self-unit');
    const bureau = await as('yl_staff');
    for (const unitId of UNITS) {
      const { set } = ok(await bureau.get(`${CYCLE}/units/${unitId}/self-assessment`));
      ok(await bureau.post(`${CYCLE}/units/${unitId}/self-assessment/review`, { decision: 'approve', version: set.version }));
    }
    await open('yl_staff', `/self-assessments/${C}`);
    await shot('05-self-bureau');
  });

  it('6 考核评分: the assessor units score, the third party enters the survey, each submits its indicator', async () => {
    await advanceFrom('self_assessment');
    await clockTo(`${Number(C) + 1}-01-25`);
    const inputs: Record<string, Record<string, object>> = {
      'yl-yuzhou': { '1.1': { actual: '7.2' }, '1.2': { actual: '53000' }, '2.1': { level: 'excellent' } },
      'yl-fumian': { '1.1': { actual: '6.1' }, '1.2': { actual: '47000' }, '2.1': { level: 'good' } },
      'yl-beiliu': { '1.1': { actual: '6.8' }, '1.2': { actual: '52500' }, '2.1': { level: 'good' } },
    };
    const scorer: Record<string, [string, string]> = { '1.1': ['yl_tjj', 'yl-tjj'], '1.2': ['yl_staff', 'yl-jxb'], '2.1': ['yl_sthjj', 'yl-sthjj'] };
    const rates: Record<string, number> = { 'yl-yuzhou': 9_120, 'yl-fumian': 8_450, 'yl-beiliu': 8_860 };
    for (const [indicatorId, [username, assessorUnitId]] of Object.entries(scorer)) {
      const assessor = await as(username);
      for (const unitId of UNITS) {
        // An input other than the unit's own claim is a correction, and says why.
        const corrected = indicatorId === '2.1' && unitId !== 'yl-yuzhou';
        ok(await assessor.call('PUT', `${CYCLE}/units/${unitId}/scores/${indicatorId}`, { inputs: inputs[unitId]![indicatorId], ...(corrected ? { reason: '督察发现问题整改尚有一项未销号' } : {}), version: 0 }));
      }
      ok(await assessor.post(`${CYCLE}/assessors/${assessorUnitId}/scores/${indicatorId}/submit`, { total: UNITS.length }));
    }
    const third = await as('yl_third');
    for (const unitId of UNITS) ok(await third.call('PUT', `${CYCLE}/units/${unitId}/survey/3.1`, { rate: rates[unitId], version: 0 }));
    ok(await third.post(`${CYCLE}/assessors/yl-sqmy/scores/3.1/submit`, { total: UNITS.length }));
    await open('yl_tjj', `/scoring/${C}`);
    await shot('06-scoring-assessor');
    await open('yl_staff', `/scoring-progress/${C}`);
    await shot('06-scoring-progress');
  });

  it('7 汇总反馈与复核: the bureau computes and publishes; 福绵区 asks for a review of 1.2 and the bureau adjusts it', async () => {
    await advanceFrom('assessment');
    await clockTo(`${Number(C) + 1}-03-02`);
    const bureau = await as('yl_staff');
    // The review window counts working days of 2028: the bureau enters that year's holiday notice first.
    const year = Number(C) + 1;
    ok(await bureau.call('PUT', `/regions/${YL}/calendar/${year}`, {
      holidays: ['01-03', '01-26', '01-27', '01-28', '01-31', '02-01', '04-04', '05-01', '05-02', '05-03', '10-02', '10-03', '10-04', '10-05', '10-06'].map((d) => `${year}-${d}`),
      workdays: ['01-23', '02-05', '09-30'].map((d) => `${year}-${d}`),
      source: `国务院办公厅关于${year}年部分节假日安排的通知（演示）`,
    }));
    // Entering the stage starts the computation; the bureau runs it again once it has ended, as after any late score.
    const latest = async () => ok(await bureau.get(`${CYCLE}/result-runs/latest`)).run;
    await expect.poll(async () => (await latest())?.status ?? 'none', { timeout: 60_000 }).not.toBe('running');
    const started = ok(await bureau.post(`${CYCLE}/result-runs`, { seenRunId: (await latest())?.id ?? null }));
    await expect.poll(async () => (await latest())?.status, { timeout: 60_000 }).toBe('done');
    expect((await latest())?.id).toBe(started.id);
    ok(await bureau.post(`${CYCLE}/categories/${CAT}/result-publication`, { version: 0 }));
    await open('yl_staff', `/results/${C}`);
    await shot('07-results-bureau');

    const fumian = await as('fumian_leader');
    const draft = ok(await fumian.post(`${CYCLE}/units/yl-fumian/reviews`, { items: [{ itemId: 'score:1.2', reason: '全年一般公共预算收入经财政决算确认为 49,800 万元，评分时采用了快报数', evidence: [] }], version: 0 }));
    const filed = ok(await fumian.post(`${CYCLE}/units/yl-fumian/reviews/${draft.id}/submit`, { version: draft.version }));
    await open('fumian_leader', `/my-result/${C}`);
    await shot('07-review-unit');
    const decided = ok(await bureau.post(`${CYCLE}/units/yl-fumian/reviews/${draft.id}/decision`, { itemId: 'score:1.2', outcome: 'adjusted', opinion: '经核对财政决算数据，采用 49,800 万元', inputs: { actual: '49800' }, version: filed.version }));
    expect(decided.recomputed).not.toBeNull();
  });

  it('8 等次评定: the grades are set by the plan’s rules and the bureau leader confirms the category', async () => {
    await advanceFrom('preliminary_review');
    await clockTo(`${Number(C) + 1}-03-23`);
    const leader = await as('yl_leader');
    ok(await leader.post(`${CYCLE}/categories/${CAT}/confirmations`, { version: 0 }));
    const { confirmations } = ok(await leader.get(`${CYCLE}/categories/${CAT}/confirmations`));
    expect(confirmations).toHaveLength(1);
    await open('yl_leader', `/results/${C}`);
    await expect.poll(() => page.getByTestId('confirm-badge').count()).toBe(1);
    // Frozen: nothing publishes the category again until a correction reopens it.
    expect(await page.getByTestId('results-publish').count()).toBe(0);
    await shot('08-grading-confirmed');
  });

  it('9 报告与通报: each unit reads its report (and prints it), the bureau its region report, and the leader publishes the notice', async () => {
    await advanceFrom('grading');
    await clockTo(`${Number(C) + 1}-04-06`);
    const fumian = await as('fumian_leader');
    const report = ok(await fumian.get(`${CYCLE}/units/yl-fumian/report`));
    expect(JSON.stringify(report)).toContain('社会公众评价');
    await open('fumian_leader', `/my-report/${C}`);
    await shot('09-report-unit');
    await page.goto(`${stack.url}/#/report-print/${C}/yl-fumian`);
    await shot('09-report-print');
    await open('yl_staff', `/region-report/${C}`);
    await shot('09-region-report');

    const bureau = await as('yl_staff');
    const draft = ok(await bureau.post(`${CYCLE}/results-notice/versions`, { title: `关于${C}年度绩效考评结果的通报`, documentNumber: `玉绩办〔${Number(C) + 1}〕8号`, issueDate: `${Number(C) + 1}-04-06`, preface: '经市绩效考评领导小组审定，现将结果通报如下。', headVersion: 0 }));
    const submitted = ok(await bureau.post(`${CYCLE}/results-notice/versions/${draft.number}/submit`, { version: draft.version }));
    const leader = await as('yl_leader');
    ok(await leader.post(`${CYCLE}/results-notice/versions/${draft.number}/decision`, { decision: 'approve', version: submitted.version }));
    const published = ok(await new ApiClient(stack.url).get(`/public/regions/${YL}/cycles/${C}/results-notice`));
    expect(JSON.stringify(published)).toContain('福绵区');
    await page.goto(`${stack.url}/#/public/results-notice/${YL}/${C}`);
    await shot('09-notice-public');
  });

  it('10 整改: 福绵区 files a plan for its satisfaction problem, its leader approves it (public), progress follows; the bureau tracks it and carries it into 2028', async () => {
    await advanceFrom('report');
    await clockTo(`${Number(C) + 1}-05-08`);
    const fumian = await as('fumian_leader');
    const unit = ok(await fumian.get(`${CYCLE}/units/yl-fumian/rectification`));
    expect(JSON.stringify(unit)).toContain('satisfaction:3.1');
    const item = `${CYCLE}/units/yl-fumian/rectification/${encodeURIComponent('satisfaction:3.1')}`;
    const saved = ok(await fumian.call('PUT', item, { responsible: '陈国强', responsiblePost: '福绵区人民政府区长', measures: '梳理群众反映集中的办事堵点，推行一窗通办，每季度回访', commitment: '年底前群众满意率达到 88% 以上', deadline: `${Number(C) + 1}-11-30` }));
    const filed = ok(await fumian.post(`${item}/submit`, { version: saved.version }));
    const approved = ok(await fumian.post(`${item}/approval`, { decision: 'approve', version: filed.version }));
    ok(await fumian.post(`${item}/progress`, { text: '已在区政务服务中心开设一窗通办窗口，首月回访满意率 87%', evidence: [], version: approved.version }));
    await open('fumian_leader', `/rectification/${C}`);
    await shot('10-rectification-unit');
    const publicView = ok(await new ApiClient(stack.url).get(`/public/regions/${YL}/cycles/${C}/units/yl-fumian/rectification`));
    expect(JSON.stringify(publicView)).toContain('一窗通办');
    await page.goto(`${stack.url}/#/public/rectification/${YL}/${C}/yl-fumian`);
    await shot('10-rectification-public');

    // Next year's cycle, with the same category and plan, receives the key problems as draft goals.
    const next = String(Number(C) + 1);
    const bureau = await as('yl_staff');
    ok(await bureau.post(`/regions/${YL}/cycles`, { year: Number(next), name: `${next}年度绩效考评`, stages: defaultStageDates(Number(next)) }));
    const categories = ok(await bureau.get(`/regions/${YL}/cycles/${next}/categories`));
    const nextCat = ok(await bureau.call('PUT', `/regions/${YL}/cycles/${next}/categories`, { version: categories.version, categories: [{ name: '县（市、区）', unitIds: [...UNITS] }] })).categories[0].categoryId;
    ok(await bureau.call('PUT', `/regions/${YL}/cycles/${next}/plan/${nextCat}`, { revision: 0, plan: { ...defaultPlan(), tree: TREE } }));
    ok(await bureau.post(`${CYCLE}/rectification/carry`, { nextCycleId: next }));
    await open('yl_staff', `/rectification-tracking/${C}`);
    await shot('10-rectification-bureau');
  });

  it('11 结果运用: the cycle closes with reward eligibility; 福绵区 accepts its carried item into its 2028 goals', async () => {
    await advanceFrom('rectification');
    await clockTo(`${Number(C) + 1}-11-06`);
    const bureau = await as('yl_staff');
    const eligibility = ok(await bureau.get(`${CYCLE}/eligibility`));
    expect(JSON.stringify(eligibility)).toContain('玉州区');
    await open('yl_staff', `/results-use/${C}`);
    await shot('11-eligibility');

    const next = String(Number(C) + 1);
    const fumian = await as('fumian_leader');
    const carried = ok(await fumian.get(`/regions/${YL}/cycles/${next}/units/yl-fumian/carried-goals`));
    const item = carried.items.find((i: { problemId: string }) => i.problemId === 'satisfaction:3.1');
    expect(item).toBeDefined();
    ok(await fumian.post(`/regions/${YL}/cycles/${next}/units/yl-fumian/carried-goals/${C}/${encodeURIComponent('satisfaction:3.1')}`, { decision: 'accept', indicatorId: '3.1', target: '群众满意率达到 88% 以上', version: item.version }));
    await open('fumian_leader', `/goals/${next}`);
    await shot('11-carried-goal');

    await advanceFrom('closed');
    const cycle = ok(await bureau.get(`${CYCLE}`));
    expect(cycle.status).toBe('closed');
  });
});

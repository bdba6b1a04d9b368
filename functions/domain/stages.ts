// The eleven stages of an annual cycle, in order (SPEC.md "The annual cycle").
import { deadlineInstant, isIsoDate, shiftIsoDate } from './dates.ts';
import type { FieldProblem } from './errors.ts';
import type { StageDates, StageProgress, TimelineEntry } from '../model/cycle.ts';

export type { StageDates, StageProgress, TimelineEntry };

export const STAGE_CODES = [
  'plan',
  'goal_setting',
  'goal_review',
  'execution',
  'self_assessment',
  'assessment',
  'preliminary_review',
  'grading',
  'report',
  'rectification',
  'closed',
] as const;
export type StageCode = (typeof STAGE_CODES)[number];
export const STAGE_COUNT = STAGE_CODES.length;

/** Chinese names, as the regulation and SPEC.md use them. */
export const STAGE_NAMES: Record<StageCode, string> = {
  plan: '方案',
  goal_setting: '目标制定',
  goal_review: '目标审定',
  execution: '过程管理',
  self_assessment: '自评',
  assessment: '考核评分',
  preliminary_review: '汇总反馈与复核',
  grading: '等次评定',
  report: '报告与通报',
  rectification: '整改',
  closed: '结果运用',
};

/** The stage at 1-based position `index`. */
export function stageAt(index: number): StageCode {
  const code = STAGE_CODES[index - 1];
  if (!code) throw new RangeError(`no stage at position ${index}`);
  return code;
}

/** Suggested dates for the cycle of `year`: planning starts the December before, rectification runs into the next year. */
export function defaultStageDates(year: number): StageDates[] {
  const y = String(year);
  const prev = String(year - 1);
  const next = String(year + 1);
  const endOfFeb = (yy: string) => shiftIsoDate(`${yy}-03-01`, -1);
  const plan: [string, string][] = [
    [`${prev}-12-01`, `${y}-01-31`],
    [`${y}-02-01`, endOfFeb(y)],
    [`${y}-03-01`, `${y}-03-31`],
    [`${y}-04-01`, `${y}-12-31`],
    [`${next}-01-05`, `${next}-01-20`],
    [`${next}-01-21`, endOfFeb(next)],
    [`${next}-03-01`, `${next}-03-20`],
    [`${next}-03-21`, `${next}-03-31`],
    [`${next}-04-01`, `${next}-04-30`],
    [`${next}-05-01`, `${next}-10-31`],
    [`${next}-11-01`, `${next}-12-31`],
  ];
  return STAGE_CODES.map((code, i) => ({ code, opensOn: plan[i]![0], deadline: plan[i]![1] }));
}

/**
 * Rules a cycle's stage dates must follow: all eleven stages in order, each opening on or before
 * its deadline, and neither opening dates nor deadlines going backwards from one stage to the next.
 */
export function checkStageDates(stages: readonly StageDates[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (stages.length !== STAGE_COUNT) {
    return [{ path: 'stages', message: `必须包含全部 ${STAGE_COUNT} 个阶段` }];
  }
  stages.forEach((s, i) => {
    const at = `stages.${i}`;
    if (s.code !== STAGE_CODES[i]) {
      problems.push({ path: `${at}.code`, message: `第 ${i + 1} 个阶段应为「${STAGE_NAMES[STAGE_CODES[i]!]}」` });
    }
    if (!isIsoDate(s.opensOn)) problems.push({ path: `${at}.opensOn`, message: '开始日期无效' });
    if (!isIsoDate(s.deadline)) problems.push({ path: `${at}.deadline`, message: '截止日期无效' });
    if (isIsoDate(s.opensOn) && isIsoDate(s.deadline) && s.opensOn > s.deadline) {
      problems.push({ path: `${at}.deadline`, message: '截止日期不能早于开始日期' });
    }
    const prev = stages[i - 1];
    if (prev && s.opensOn < prev.opensOn) {
      problems.push({ path: `${at}.opensOn`, message: '开始日期不能早于上一阶段的开始日期' });
    }
    if (prev && s.deadline < prev.deadline) {
      problems.push({ path: `${at}.deadline`, message: '截止日期不能早于上一阶段的截止日期' });
    }
  });
  return problems;
}

export const STAGE_STATES = ['done', 'current', 'upcoming'] as const;
export type StageState = (typeof STAGE_STATES)[number];

/**
 * The stage timeline as a person sees it at `now`: stages before the current one are done,
 * the current one counts down to its deadline, and a deadline passed while open is overdue.
 */
export function timeline(
  stages: readonly StageProgress[],
  currentStage: number,
  closed: boolean,
  now: number,
): TimelineEntry[] {
  return [...stages]
    .sort((a, b) => a.index - b.index)
    .map((s) => {
      const state: StageState =
        closed || s.index < currentStage ? 'done' : s.index === currentStage ? 'current' : 'upcoming';
      const due = deadlineInstant(s.deadline);
      const finishedAt = s.doneAt ? Date.parse(s.doneAt) : undefined;
      const overdue = state === 'current' ? now >= due : finishedAt !== undefined && finishedAt >= due;
      return {
        ...s,
        name: STAGE_NAMES[s.code],
        state,
        deadlineAt: new Date(due).toISOString(),
        overdue,
        ...(state === 'current' ? { remainingMs: due - now } : {}),
      };
    });
}

/** The 1-based position of a stage: rules name stages by code, never by a bare number. */
export const stageNumber = (code: StageCode): number => STAGE_CODES.indexOf(code) + 1;

/** Whether an open cycle stands at the stage named. */
export const isAtStage = (cycle: { status: string; currentStage: number }, code: StageCode): boolean =>
  cycle.status === 'open' && cycle.currentStage === stageNumber(code);

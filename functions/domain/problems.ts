// Problems found for a unit in a cycle (问题清单, Art 24–26): what its annual report lists and what it
// files rectification plans for. Derived from confirmed data only — the unit's scores with points lost
// (the rule, the inputs and the assessor's notes), the feedback it received during the year (Art 14),
// the outcomes of its 复核 requests, and satisfaction survey rates below the threshold.
// Each problem has a STABLE id (`score:<indicator>`, `satisfaction:<indicator>`, `feedback:<id>`,
// `claim:<id>`): a rectification plan and a carried goal refer to it across recomputations.
//
// Key problem (重点问题, carried into next year's goals by Art 26) — the rule:
//   - a scored indicator that lost at least half its points (KEY_LOSS_PERCENT), or
//   - any satisfaction issue (a rate below the threshold), or
//   - a feedback item the unit did not close during the year (not accepted by its sender) or answered late, or
//   - any problem the bureau flagged.
import { t } from '../contracts/lang.ts';
import type { FeedbackRecord } from '../model/feedback.ts';
import type { PlanNode } from '../model/plan.ts';
import type { ReviewRecord } from '../model/review.ts';
import type { ScoreRecord } from '../model/score.ts';
import { QUALITATIVE_NAMES, type QualitativeLevel } from './scoring/methods.ts';
import { formatPoints } from './scoring/points.ts';

export const PROBLEM_KINDS = ['score', 'satisfaction', 'feedback', 'claim'] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** A problem id as rectification plans and carried goals store it. */
export const PROBLEM_ID = /^(score|satisfaction):[A-Za-z0-9][A-Za-z0-9._-]{0,19}$|^(feedback|claim):[0-9a-f-]{36}$/;

/** Satisfaction below this rate (hundredths of a percent: 85.00 %) is an issue, unless the plan says otherwise. */
export const SATISFACTION_THRESHOLD = 8_500;
/** An indicator that lost at least this share of its points (percent) is a key problem. */
export const KEY_LOSS_PERCENT = 50;

export interface Problem {
  id: string;
  kind: ProblemKind;
  /** The indicator it concerns, when it concerns one. */
  indicatorId?: string;
  title: string;
  detail: string;
  /** Points lost, in hundredths (scores only). */
  lost?: number;
  points?: number;
  key: boolean;
  /** Why it is (or is not) a key problem, in words. */
  keyReason?: string;
}

export interface ProblemInputs {
  /** The plan's leaves of the unit's category (names and criteria). */
  leaves: readonly Pick<PlanNode, 'id' | 'name' | 'criteria'>[];
  scores: readonly ScoreRecord[];
  feedback: readonly FeedbackRecord[];
  reviews: readonly ReviewRecord[];
  /** The plan's satisfaction threshold if it sets one (hundredths of a percent). */
  satisfactionThreshold?: number;
  /** Problem ids the bureau flagged as key. */
  flagged?: ReadonlySet<string>;
}

const INPUT_NAMES: Record<string, [string, string]> = {
  target: ['目标值', 'target'],
  actual: ['完成值', 'achieved'],
  value: ['排名值', 'ranked value'],
  occurrences: ['发生次数', 'occurrences'],
  level: ['评价等级', 'level'],
  score: ['直接评分', 'score'],
  rate: ['满意度', 'satisfaction rate'],
  rank: ['名次', 'rank'],
  count: ['参与排名单位数', 'units ranked'],
};

function inputsLine(s: ScoreRecord): string {
  const parts = Object.entries(s.inputs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const [zh, en] = INPUT_NAMES[k] ?? [k, k];
      const shown = k === 'score' ? formatPoints(v as number) : k === 'rate' ? `${formatPoints(v as number)}%` : String(v);
      // A level reads 优/良/中/差 in Chinese; English keeps its name.
      const zhShown = k === 'level' ? (QUALITATIVE_NAMES[v as QualitativeLevel] ?? shown) : shown;
      return t(`${zh} ${zhShown}`, `${en} ${shown}`);
    });
  return parts.join('；');
}

/** 复核 outcomes by item id (`score:<indicator>` / `claim:<id>`), in words. */
function reviewNotes(reviews: readonly ReviewRecord[]): Map<string, string[]> {
  const notes = new Map<string, string[]>();
  for (const r of reviews) {
    for (const item of r.items) {
      if (!item.decision) continue;
      const d = item.decision;
      const line =
        d.outcome === 'upheld'
          ? t(`复核维持：${d.opinion}`, `Review upheld: ${d.opinion}`)
          : t(`复核调整（${d.change?.from ?? ''} → ${d.change?.to ?? ''}）：${d.opinion}`, `Review adjusted (${d.change?.from ?? ''} → ${d.change?.to ?? ''}): ${d.opinion}`);
      notes.set(item.itemId, [...(notes.get(item.itemId) ?? []), line]);
    }
  }
  return notes;
}

const lostPercent = (lost: number, points: number) => (points > 0 ? (lost * 100) / points : 0);

/** The problems found, in a stable order: scores by indicator, satisfaction, feedback by date, then reviewed claims. */
export function findProblems(input: ProblemInputs): Problem[] {
  const names = new Map(input.leaves.map((l) => [l.id, l]));
  const notes = reviewNotes(input.reviews);
  const threshold = input.satisfactionThreshold ?? SATISFACTION_THRESHOLD;
  const flagged = input.flagged ?? new Set<string>();
  const out: Problem[] = [];
  const finish = (p: Omit<Problem, 'key' | 'keyReason'>, ruleKey: string | undefined): Problem => {
    const byBureau = flagged.has(p.id) ? t('绩效办标记为重点问题', 'flagged as key by the bureau') : undefined;
    const reason = ruleKey ?? byBureau;
    return { ...p, key: reason !== undefined, ...(reason ? { keyReason: reason } : {}) };
  };

  const scores = [...input.scores].sort((a, b) => a.indicatorId.localeCompare(b.indicatorId, 'en', { numeric: true }));
  for (const s of scores) {
    const leaf = names.get(s.indicatorId);
    const name = leaf?.name ?? s.indicatorId;
    if (s.methodKind === 'satisfaction') {
      const rate = s.inputs.rate;
      if (rate === undefined || rate >= threshold) continue;
      const id = `satisfaction:${s.indicatorId}`;
      const detail = [
        t(`满意度 ${formatPoints(rate)}%，低于 ${formatPoints(threshold)}%`, `Satisfaction ${formatPoints(rate)}%, below ${formatPoints(threshold)}%`),
        ...(notes.get(`score:${s.indicatorId}`) ?? []),
      ].join('\n');
      out.push(finish({ id, kind: 'satisfaction', indicatorId: s.indicatorId, title: t(`${name}满意度偏低`, `Low satisfaction: ${name}`), detail }, t('满意度问题', 'satisfaction issue')));
      continue;
    }
    if (s.score === null || s.score >= s.points) continue;
    const lost = s.points - s.score;
    const id = `score:${s.indicatorId}`;
    const detail = [
      leaf?.criteria ? t(`评分标准：${leaf.criteria}`, `Rule: ${leaf.criteria}`) : undefined,
      inputsLine(s) ? t(`考评数据：${inputsLine(s)}`, `Inputs: ${inputsLine(s)}`) : undefined,
      ...s.explanation,
      ...s.corrections.map((c) => t(`考评单位更正（${c.field}：${c.from} → ${c.to}）：${c.reason}`, `Assessor correction (${c.field}: ${c.from} → ${c.to}): ${c.reason}`)),
      ...(notes.get(id) ?? []),
    ]
      .filter((x): x is string => Boolean(x))
      .join('\n');
    const big = lostPercent(lost, s.points) >= KEY_LOSS_PERCENT;
    out.push(
      finish(
        { id, kind: 'score', indicatorId: s.indicatorId, title: t(`${name}失分 ${formatPoints(lost)} 分`, `${name}: lost ${formatPoints(lost)} points`), detail, lost, points: s.points },
        big ? t(`失分达该指标分值的 ${KEY_LOSS_PERCENT}% 以上`, `lost ${KEY_LOSS_PERCENT}% or more of the indicator's points`) : undefined,
      ),
    );
  }

  const feedback = [...input.feedback].sort((a, b) => a.raisedAt.localeCompare(b.raisedAt));
  for (const f of feedback) {
    const id = `feedback:${f.feedbackId}`;
    const about = f.indicatorName ?? t('单位整体', 'the unit as a whole');
    const detail = [
      t(`${f.senderUnitName}反馈（${f.receivedOn}）：${f.problem}`, `${f.senderUnitName} (${f.receivedOn}): ${f.problem}`),
      f.answer ? t(`整改措施：${f.answer.measures}`, `Measures: ${f.answer.measures}`) : t('单位未答复', 'not answered by the unit'),
      f.result ? t(`整改结果：${f.result.text}`, `Result: ${f.result.text}`) : undefined,
    ]
      .filter((x): x is string => Boolean(x))
      .join('\n');
    const open = f.status !== 'accepted';
    const late = f.answer?.late === true || !f.answer;
    const rule = open ? t('反馈问题年度内未整改销号', 'feedback not closed during the year') : late ? t('反馈未按时答复', 'feedback answered late') : undefined;
    const excerpt = f.problem.length > 40 ? `${f.problem.slice(0, 40)}…` : f.problem;
    out.push(finish({ id, kind: 'feedback', ...(f.indicatorId ? { indicatorId: f.indicatorId } : {}), title: t(`反馈问题（${about}）：${excerpt}`, `Feedback (${about}): ${excerpt}`), detail }, rule));
  }

  for (const r of input.reviews) {
    for (const item of r.items) {
      if (item.kind !== 'claim' || item.decision?.outcome !== 'upheld') continue;
      const id = item.itemId;
      if (out.some((p) => p.id === id)) continue;
      out.push(finish({ id, kind: 'claim', title: t(`扣分事项：${item.name}`, `Deduction: ${item.name}`), detail: [item.stood, ...(notes.get(id) ?? [])].join('\n') }, undefined));
    }
  }
  return out;
}

/** Whether a problem is carried into the next cycle's goals (Art 26): key problems and satisfaction items. */
export const isCarried = (p: Pick<Problem, 'key' | 'kind'>) => p.key || p.kind === 'satisfaction';

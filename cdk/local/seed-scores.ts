// Demo scores of 玉林市 2025 (考核评分, Art 17–18): every unit scored on every plan leaf with an assessor
// unit — completion against its 2025 goal's target, ranking, deductions, levels, direct scores — and the
// third party's satisfaction rates, all through the same rules as the API (domain/score-writes.ts, the
// scoring engine), so each score carries the engine's explanation. The assessor takes the value the unit
// self-assessed (cdk/local/seed-self.ts) where there is one; two of them it corrected, with the reason
// kept. Every indicator is submitted (2026-02, inside the stage), so each assessor unit's tally shows its
// stage duty delivered.
import { scoreItem, scoreTallyItem } from '../../functions/data/scores.ts';
import { goalLeaves } from '../../functions/domain/goals.ts';
import { categoriesFromHints } from '../../functions/domain/organisation.ts';
import { leaves } from '../../functions/domain/plan.ts';
import { planScoreWrites, type InputChange, type LeafAssignment } from '../../functions/domain/score-writes.ts';
import { reportedValue, type FieldValue } from '../../functions/domain/assessor-scores.ts';
import { selfEntity } from '../../functions/data/self-assessments.ts';
import type { GoalRecord } from '../../functions/model/goal.ts';
import type { ScoreRecord, ScoreTallyRecord } from '../../functions/model/score.ts';
import { units, users, YULIN } from './demo-data.ts';
import { demoGoalFields } from './seed-goals.ts';
import { demoSelfAssessments } from './seed-self.ts';
import { demoTree } from './seed-plan.ts';

const YEAR = 2025;
const CYCLE = String(YEAR);

/** A small stable number from a key, so the demo is the same on every start. */
function spread(key: string, n: number): number {
  let h = 7;
  for (const ch of key) h = (h * 131 + ch.charCodeAt(0)) >>> 0;
  return h % n;
}

/** Two decimals as text: 95.5 → '95.5' (a measure, never rounded through a float beyond 1 decimal). */
const tenths = (n: number) => (Math.round(n * 10) / 10).toString();

/** The assessor's input for a unit's leaf, by method (most complete their goals; a few fall short). */
function inputFor(a: LeafAssignment, unitId: string, target: number | undefined): FieldValue {
  const k = spread(`${unitId}/${a.leaf.id}`, 20);
  switch (a.leaf.method.kind) {
    case 'completion':
      return tenths((target ?? 100) * (k < 3 ? 0.82 + k * 0.04 : 0.97 + (k % 6) * 0.01));
    case 'ranking':
      return String(60 + k * 2);
    case 'deduction':
      return k < 12 ? 0 : k < 17 ? 1 : 2;
    case 'qualitative':
      return (['excellent', 'excellent', 'good', 'good', 'good', 'fair'] as const)[k % 6]!;
    case 'direct':
      return a.leaf.points - (k % 5) * 50;
    case 'satisfaction':
      return 8_000 + k * 80 + spread(unitId, 7) * 10;
  }
}

/** Corrections the demo shows: the assessor changed the unit's self-assessed value, with a reason. */
const CORRECTIONS: { unitId: string; indicatorId: string; to: (first: FieldValue) => FieldValue; reason: string }[] = [
  { unitId: 'yl-fumian', indicatorId: '1.1', to: (v) => tenths(Number(v) - 0.3), reason: '按自治区统计局反馈的年度终审数据更正，自评值为初步核算数' },
  { unitId: 'yl-gaj', indicatorId: '2.4', to: (v) => Number(v) + 1, reason: '核查发现 2025 年 9 月越级上访事件 1 起未计入自评' },
];

const ASSESSOR_USER = new Map(users.filter((u) => u.regionId === YULIN && ['assessor_staff', 'third_party', 'bureau_staff'].includes(u.role)).map((u) => [u.unitId, u.username]));

/** The 2025 scores and tallies of 玉林市, as items. */
export function demoScoreItems(): Record<string, unknown>[] {
  const categories = categoriesFromHints(units.filter((u) => u.regionId === YULIN));
  const names = new Map(units.map((u) => [u.unitId, u.name]));
  const assignments: (LeafAssignment & { assessorUnitId: string })[] = categories.flatMap((c, i) =>
    leaves(demoTree(YULIN, c.name))
      .map((w) => w.node)
      .filter((n) => n.assessorUnitId && n.method)
      .map((leaf) => ({
        categoryId: `c${i + 1}`,
        categoryName: c.name,
        units: c.unitIds.map((u) => ({ unitId: u, name: names.get(u) ?? u })),
        leaf: leaf as LeafAssignment['leaf'],
        planVersion: 1,
        assessorUnitId: leaf.assessorUnitId!,
      })),
  );
  const goalLeafIds = new Set(categories.flatMap((c) => goalLeaves({ tree: demoTree(YULIN, c.name) }).map((l) => `${c.name}/${l.id}`)));
  const selfOf = new Map(demoSelfAssessments().items.filter(selfEntity.is).map(selfEntity.parse).map((x) => [`${x.unitId}|${x.indicatorId}`, x]));
  const scores = new Map<string, ScoreRecord>();
  const key = (s: { unitId: string; indicatorId: string }) => `${s.unitId}|${s.indicatorId}`;
  for (const a of assignments) {
    const by = ASSESSOR_USER.get(a.assessorUnitId) ?? 'system:seed';
    const goals = new Map<string, GoalRecord>();
    if (goalLeafIds.has(`${a.categoryName}/${a.leaf.id}`)) {
      for (const u of a.units) {
        const fields = demoGoalFields(a.leaf, u.unitId, YEAR);
        goals.set(u.unitId, { ...fields, regionId: YULIN, cycleId: CYCLE, unitId: u.unitId, indicatorId: a.leaf.id, categoryId: a.categoryId, planVersion: 1, assessorUnitId: a.assessorUnitId, status: 'approved', version: 2, updatedAt: '', updatedBy: '' });
      }
    }
    const reported = new Map<string, FieldValue>();
    for (const u of a.units) {
      const v = reportedValue(a.leaf.method.kind, selfOf.get(`${u.unitId}|${a.leaf.id}`));
      if (v !== undefined) reported.set(u.unitId, v);
    }
    const changes: InputChange[] = a.units.map((u) => {
      const stood = reported.get(u.unitId) ?? inputFor(a, u.unitId, goals.get(u.unitId)?.target);
      const fix = CORRECTIONS.find((c) => c.unitId === u.unitId && c.indicatorId === a.leaf.id);
      return fix ? { unitId: u.unitId, value: fix.to(stood), reason: fix.reason } : { unitId: u.unitId, value: stood };
    });
    const ctx = { regionId: YULIN, cycleId: CYCLE, assessorUnitId: a.assessorUnitId, by, at: `${YEAR + 1}-02-0${2 + spread(a.assessorUnitId, 6)}T02:30:00.000Z` };
    const planned = planScoreWrites([a], changes, { scores: new Map(), goals, reported }, ctx);
    if (planned.problems.length) throw new Error(`demo scores: ${JSON.stringify(planned.problems[0])}`);
    const current = new Map(planned.writes.map((w) => [w.after.unitId, w.after]));
    const submittedAt = `${YEAR + 1}-02-2${spread(a.assessorUnitId, 6)}T03:00:00.000Z`;
    for (const s of current.values()) scores.set(key(s), { ...s, status: 'submitted', submittedAt, submittedBy: by, version: s.version + 1, updatedAt: submittedAt, updatedBy: by });
  }
  const tallies = new Map<string, ScoreTallyRecord>();
  for (const s of scores.values()) {
    const t = tallies.get(s.assessorUnitId) ?? { regionId: YULIN, cycleId: CYCLE, unitId: s.assessorUnitId, status: 'submitted', indicators: {}, submittedAt: s.submittedAt!, version: 1, updatedAt: s.submittedAt! };
    const c = t.indicators[s.indicatorId] ?? { scored: 0, submitted: 0, submittedAt: s.submittedAt! };
    t.indicators[s.indicatorId] = { ...c, scored: c.scored + 1, submitted: c.submitted + 1 };
    tallies.set(s.assessorUnitId, t);
  }
  return [...[...scores.values()].map(scoreItem), ...[...tallies.values()].map((t) => scoreTallyItem(t, t.submittedAt!))];
}

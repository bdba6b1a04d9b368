// What a save or an import of scoring inputs writes (pure): for each unit changed, its score record
// after the change — the correction recorded when an input replaces what stood before, the score by
// the engine — and, for a ranking leaf, every unit of the category re-ranked once all values are in.
// Problems are returned per unit (the import names its row), never half-applied.
import { t } from '../contracts/lang.ts';
import type { GoalRecord } from '../model/goal.ts';
import type { ScoreInputs, ScoreRecord } from '../model/score.ts';
import { computeScore, correctionOf, rankAll, SCORE_FIELD, type FieldValue } from './assessor-scores.ts';
import { DomainError } from './errors.ts';
import type { PlanNode } from './plan.ts';

/** One category's share of a leaf: its units, the leaf as its plan in force gives it, and that plan's version. */
export interface LeafAssignment {
  categoryId: string;
  categoryName: string;
  units: readonly { unitId: string; name: string }[];
  leaf: PlanNode & { method: NonNullable<PlanNode['method']> };
  planVersion: number;
}

export interface InputChange {
  unitId: string;
  value: FieldValue;
  reason?: string | undefined;
  /** The version the caller read (0: none yet); a sheet row leaves it out. */
  version?: number | undefined;
}

export interface WriteProblem {
  unitId: string;
  /** 409: the state is not what the caller read, or no longer open; 400: the input or reason. */
  status: 400 | 409;
  path: string;
  message: string;
}

export interface ScoreWrites {
  writes: { before?: ScoreRecord; after: ScoreRecord }[];
  problems: WriteProblem[];
}

const sameScore = (a: ScoreRecord, b: ScoreRecord) =>
  a.score === b.score && a.inputs.rank === b.inputs.rank && a.inputs.count === b.inputs.count && a.explanation.join('\n') === b.explanation.join('\n');

/**
 * The writes of `changes` to leaf `assignments` (all categories that have the leaf), from the scores,
 * approved goals and reported values read. A unit's change that fails leaves the others' problems named too.
 */
export function planScoreWrites(
  assignments: readonly LeafAssignment[],
  changes: readonly InputChange[],
  read: { scores: ReadonlyMap<string, ScoreRecord>; goals: ReadonlyMap<string, GoalRecord>; reported: ReadonlyMap<string, FieldValue> },
  ctx: { regionId: string; cycleId: string; assessorUnitId: string; by: string; at: string },
): ScoreWrites {
  const problems: WriteProblem[] = [];
  const after = new Map<string, ScoreRecord>();
  const categoryOf = new Map(assignments.flatMap((a) => a.units.map((u) => [u.unitId, a] as const)));
  for (const change of changes) {
    const a = categoryOf.get(change.unitId);
    const fail = (status: 400 | 409, path: string, message: string) => void problems.push({ unitId: change.unitId, status, path, message });
    if (!a) {
      fail(400, 'unitId', t('该单位不在本指标的考评范围内', 'This unit is not scored on this indicator'));
      continue;
    }
    const kind = a.leaf.method.kind;
    const field = SCORE_FIELD[kind];
    const before = read.scores.get(change.unitId);
    if (change.version !== undefined && change.version !== (before?.version ?? 0)) {
      fail(409, 'body.version', t('评分已被他人修改，请刷新后重试', 'Someone else changed this score; please refresh and try again'));
      continue;
    }
    if (before?.status === 'submitted') {
      fail(409, 'status', t('该指标评分已报送，不能再修改', 'The scores of this indicator are submitted and can no longer change'));
      continue;
    }
    const goal = read.goals.get(change.unitId);
    if (kind !== 'satisfaction' && goal?.status !== 'approved') {
      fail(409, 'goal', t('该单位此项目标未经审定，不能评分', 'This unit has no approved goal for the indicator: it cannot be scored'));
      continue;
    }
    if (kind === 'completion' && goal?.target === undefined) {
      fail(409, 'goal', t('该单位此项目标没有目标值', 'This unit’s goal has no target'));
      continue;
    }
    const stood = before ? before.inputs[field] : read.reported.get(change.unitId);
    let correction;
    try {
      correction = correctionOf(field, stood, change.value, change.reason, ctx.by, ctx.at);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      fail(400, 'body.reason', e.message);
      continue;
    }
    const inputs: ScoreInputs = kind === 'completion' ? { target: String(goal!.target), actual: String(change.value) } : { [field]: change.value };
    const record: ScoreRecord = {
      regionId: ctx.regionId,
      cycleId: ctx.cycleId,
      unitId: change.unitId,
      indicatorId: a.leaf.id,
      categoryId: a.categoryId,
      assessorUnitId: ctx.assessorUnitId,
      points: a.leaf.points,
      common: a.leaf.common === true,
      methodKind: kind,
      planVersion: a.planVersion,
      inputs,
      corrections: [...(before?.corrections ?? []), ...(correction ? [correction] : [])],
      score: null,
      explanation: [],
      status: 'draft',
      version: (before?.version ?? 0) + 1,
      updatedAt: ctx.at,
      updatedBy: ctx.by,
    };
    if (kind !== 'ranking') {
      try {
        Object.assign(record, computeScore(a.leaf, inputs));
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        const details = (e.details as { path: string; message: string }[] | undefined) ?? [];
        fail(400, details[0]?.path ?? `body.inputs.${field}`, details[0]?.message ?? e.message);
        continue;
      }
    }
    after.set(change.unitId, record);
  }
  // Rankings: each category's units re-ranked over the values as they will be.
  for (const a of assignments.filter((x) => x.leaf.method.kind === 'ranking')) {
    const ids = a.units.map((u) => u.unitId);
    if (!ids.some((u) => after.has(u))) continue;
    const current = (u: string) => after.get(u) ?? read.scores.get(u);
    const values = new Map(ids.flatMap((u) => (current(u)?.inputs.value !== undefined ? [[u, current(u)!.inputs.value!] as const] : [])));
    const ranks = rankAll(values, ids);
    for (const u of ids) {
      const base = current(u);
      if (!base) continue;
      // While values are missing, a unit not changed here and never ranked keeps its item (and version) as it is.
      if (!ranks && !after.has(u) && base.inputs.rank === undefined) continue;
      const { rank: _r, count: _c, ...rest } = base.inputs;
      const inputs: ScoreInputs = ranks ? { ...rest, ...ranks.get(u)! } : rest;
      const next: ScoreRecord = { ...base, inputs, ...computeScore(a.leaf, inputs, { missing: ids.length - values.size, count: ids.length }) };
      const stored = read.scores.get(u);
      if (after.has(u)) after.set(u, next);
      else if (stored && !sameScore(stored, next)) after.set(u, { ...next, version: stored.version + 1, updatedAt: ctx.at, updatedBy: ctx.by });
    }
  }
  return { writes: [...after.values()].map((s) => ({ ...(read.scores.get(s.unitId) ? { before: read.scores.get(s.unitId)! } : {}), after: s })), problems };
}

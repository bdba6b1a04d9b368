// Assessor scoring and the satisfaction survey (Art 17–18, stage 6): the worklist, one unit's goal with
// its self-assessment, a save (inputs only; a correction carries its reason; the engine scores), the
// submission of an indicator (the stage duty's delivery, with the late lock), the sheet imports and the
// bureau's progress. Routes: contracts/scores.ts; rules: domain/assessor-scores.ts, score-writes.ts,
// score-rows.ts; storage: data/scores.ts.
import { now, nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { scoreRoutes, type IndicatorSummary, type WorkRow } from '../../contracts/scores.ts';
import { loadStageDuties } from '../../data/duties.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getRegion, getUnit } from '../../data/regions.ts';
import { readUnitSelfAssessment } from '../../data/self-assessments.ts';
import { getTally, listAssessorWork, listTallies, MAX_SCORES_PER_WRITE, pairKey, readScores, storeScores } from '../../data/scores.ts';
import { fieldText, inputValue, SCORE_FIELD, SCORING_STAGE, workState } from '../../domain/assessor-scores.ts';
import { deadlineInstant } from '../../domain/dates.ts';
import { ConflictError, DomainError, ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { importRefusal } from '../../domain/import-report.ts';
import { readScoreRows, readSurveyRows, SCORE_COLUMNS } from '../../domain/score-rows.ts';
import { planScoreWrites, type InputChange, type LeafAssignment, type ScoreWrites } from '../../domain/score-writes.ts';
import { isAtStage, stageNumber } from '../../domain/stages.ts';
import type { Caller } from '../../domain/roles.ts';
import { ops } from '../../http/chain.ts';
import type { ScoreRecord } from '../../model/score.ts';
import { assignmentsOf, readGoals, readSelf, reportedOf, scoringContext, writableLeaf, type ScoringContext } from './score-context.ts';
import { submissionGuards } from './duty-lock.ts';

const stageDeadline = (ctx: ScoringContext) => ctx.cycle.stages[stageNumber(SCORING_STAGE) - 1]?.deadline;

function requireScoringStage(ctx: ScoringContext) {
  if (!isAtStage(ctx.cycle, SCORING_STAGE)) throw new ConflictError(t('周期不在考核评分阶段，评分不能修改', 'The cycle is not in the assessment stage: scores cannot change'));
}

/** The caller acts for the assessor unit of the path (the bureau reads any, but writes only as its own unit). */
function requireOwnDesk(caller: Caller, assessorUnitId: string) {
  if (caller.unitId !== assessorUnitId) throw new ForbiddenError(t('只能为本单位负责的指标评分', 'You may only score the indicators of your own unit'));
}

/** Counts of rows by state. */
function summarise(assignments: readonly LeafAssignment[], rows: readonly WorkRow[]): IndicatorSummary[] {
  const ids = [...new Set(assignments.map((a) => a.leaf.id))];
  return ids.map((id) => {
    const of = assignments.filter((a) => a.leaf.id === id);
    const mine = rows.filter((r) => r.indicatorId === id);
    return {
      indicatorId: id,
      name: of[0]!.leaf.name,
      methodKind: of[0]!.leaf.method.kind,
      points: [...new Set(of.map((a) => a.leaf.points))],
      total: mine.length,
      toScore: mine.filter((r) => r.state === 'toScore').length,
      scored: mine.filter((r) => r.state === 'scored').length,
      submitted: mine.filter((r) => r.state === 'submitted').length,
    };
  });
}

/** Writes planned changes of one assessor unit in as few commits as the item limit allows (a sheet of many units: several). */
async function writePlanned(caller: Caller, ctx: ScoringContext, assessorUnitId: string, indicatorId: string, planned: ScoreWrites, action: string, at: string): Promise<void> {
  const { writes } = planned;
  for (let i = 0; i < writes.length; i += MAX_SCORES_PER_WRITE) {
    const chunk = writes.slice(i, i + MAX_SCORES_PER_WRITE);
    const tally = await getTally(ctx.regionId, ctx.cycle.cycleId, assessorUnitId);
    const scored = chunk.filter((w) => !w.before).length;
    await storeScores(
      caller,
      { action, target: `scores:${ctx.regionId}/${ctx.cycle.cycleId}/${assessorUnitId}/${indicatorId}` },
      { regionId: ctx.regionId, cycleId: ctx.cycle.cycleId, assessorUnitId, tally, move: { delta: new Map([[indicatorId, { scored, submitted: 0 }]]) } },
      chunk,
      at,
    );
  }
}

/** One unit's input saved: the method's or the survey's. */
async function saveOne(caller: Caller, params: { regionId: string; cycleId: string; unitId: string; indicatorId: string }, change: Omit<InputChange, 'unitId'>, survey: boolean): Promise<ScoreRecord> {
  const ctx = await scoringContext(params.regionId, params.cycleId);
  const mine = writableLeaf(ctx, caller, params.indicatorId, survey);
  requireScoringStage(ctx);
  const a = mine.find((x) => x.units.some((u) => u.unitId === params.unitId));
  if (!a) throw new NotFoundError(t('该单位不在本指标的考评范围内', 'This unit is not scored on this indicator'));
  const peers = a.leaf.method.kind === 'ranking' ? a.units.map((u) => u.unitId) : [params.unitId];
  const [scores, goals, self] = await Promise.all([
    readScores(ctx.regionId, ctx.cycle.cycleId, peers.map((u) => ({ unitId: u, indicatorId: params.indicatorId }))),
    survey ? Promise.resolve(new Map()) : readGoals(ctx.regionId, ctx.cycle.cycleId, [params.unitId], params.indicatorId),
    survey ? Promise.resolve(new Map()) : readSelf(ctx.regionId, ctx.cycle.cycleId, [params.unitId], params.indicatorId),
  ]);
  const at = nowIso();
  const planned = planScoreWrites([a], [{ unitId: params.unitId, ...change }], { scores: byUnit(scores), goals, reported: reportedOf(a.leaf.method.kind, self) }, { regionId: ctx.regionId, cycleId: ctx.cycle.cycleId, assessorUnitId: caller.unitId, by: caller.username, at });
  const problem = planned.problems[0];
  if (problem) {
    if (problem.status === 409) throw new ConflictError(problem.message);
    throw new ValidationError(t('评分输入有误', 'The scoring input has problems'), [{ path: problem.path, message: problem.message }]);
  }
  await writePlanned(caller, ctx, caller.unitId, params.indicatorId, planned, survey ? 'survey.save' : 'score.save', at);
  return planned.writes.find((w) => w.after.unitId === params.unitId)!.after;
}

const byUnit = (scores: ReadonlyMap<string, ScoreRecord>) => new Map([...scores.values()].map((s) => [s.unitId, s]));

/** Sheet rows applied to one leaf: every row checked first; a problem anywhere imports nothing. */
async function importChanges(caller: Caller, ctx: ScoringContext, indicatorId: string, mine: LeafAssignment[], changes: (InputChange & { row: number })[], dryRun: boolean, action: string, column: string): Promise<number> {
  const unitIds = mine.flatMap((a) => a.units.map((u) => u.unitId));
  const kind = mine[0]!.leaf.method.kind;
  const survey = kind === 'satisfaction';
  const [scores, goals, self] = await Promise.all([
    readScores(ctx.regionId, ctx.cycle.cycleId, unitIds.map((u) => ({ unitId: u, indicatorId }))),
    survey ? Promise.resolve(new Map()) : readGoals(ctx.regionId, ctx.cycle.cycleId, unitIds, indicatorId),
    survey ? Promise.resolve(new Map()) : readSelf(ctx.regionId, ctx.cycle.cycleId, unitIds, indicatorId),
  ]);
  const at = nowIso();
  const planned = planScoreWrites(mine, changes, { scores: byUnit(scores), goals, reported: reportedOf(kind, self) }, { regionId: ctx.regionId, cycleId: ctx.cycle.cycleId, assessorUnitId: caller.unitId, by: caller.username, at });
  if (planned.problems.length) {
    const rowOf = new Map(changes.map((c) => [c.unitId, c.row]));
    throw importRefusal(
      planned.problems.map((p) => ({ row: rowOf.get(p.unitId) ?? 0, column: p.path === 'body.reason' ? SCORE_COLUMNS.reason : column, message: p.message })),
      { zh: '未导入任何评分', en: 'nothing was imported' },
    );
  }
  if (!dryRun && planned.writes.length) await writePlanned(caller, ctx, caller.unitId, indicatorId, planned, action, at);
  return changes.length;
}

export const scoreOps = ops(scoreRoutes, {
  getScoreWorklist: async ({ caller, params, query }) => {
    const ctx = await scoringContext(params.regionId, params.cycleId);
    const mine = assignmentsOf(ctx, params.unitId);
    const [{ goals, scores }, assessor] = await Promise.all([listAssessorWork(ctx.regionId, ctx.cycle.cycleId, params.unitId), getUnit(ctx.regionId, params.unitId)]);
    const goalOf = new Map(goals.map((g) => [pairKey(g.unitId, g.indicatorId), g]));
    const scoreOf = new Map(scores.map((s) => [pairKey(s.unitId, s.indicatorId), s]));
    const all: WorkRow[] = mine.flatMap((a) =>
      a.units.map((u) => {
        const g = goalOf.get(pairKey(u.unitId, a.leaf.id));
        const s = scoreOf.get(pairKey(u.unitId, a.leaf.id));
        return {
          unitId: u.unitId,
          unitName: u.name,
          categoryId: a.categoryId,
          categoryName: a.categoryName,
          indicatorId: a.leaf.id,
          indicatorName: a.leaf.name,
          methodKind: a.leaf.method.kind,
          points: a.leaf.points,
          state: workState(s),
          ...(g?.status === 'approved' ? { target: g.target, unitOfMeasure: g.unitOfMeasure } : {}),
          ...(s ? { score: s } : {}),
        };
      }),
    );
    let rows = all.filter((r) => (!query.indicatorId || r.indicatorId === query.indicatorId) && (!query.forUnit || r.unitId === query.forUnit) && (!query.state || r.state === query.state));
    if (query.indicatorId && rows.length) {
      const kind = rows[0]!.methodKind;
      const self = kind === 'satisfaction' ? new Map() : await readSelf(ctx.regionId, ctx.cycle.cycleId, rows.map((r) => r.unitId), query.indicatorId);
      const reported = reportedOf(kind, self);
      rows = rows.map((r) => (reported.has(r.unitId) ? { ...r, reported: fieldText(SCORE_FIELD[kind], reported.get(r.unitId)) } : r));
    }
    const deadline = stageDeadline(ctx);
    return {
      cycleId: ctx.cycle.cycleId,
      assessorUnitId: params.unitId,
      assessorName: assessor?.name ?? params.unitId,
      stage: ctx.cycle.currentStage,
      editable: isAtStage(ctx.cycle, SCORING_STAGE) && caller.unitId === params.unitId,
      ...(deadline ? { deadline } : {}),
      indicators: summarise(mine, all),
      units: [...new Map(mine.flatMap((a) => a.units.map((u) => [u.unitId, { unitId: u.unitId, unitName: u.name }] as const))).values()],
      rows,
    };
  },

  getScore: async ({ caller, params }) => {
    const ctx = await scoringContext(params.regionId, params.cycleId);
    const a = ctx.assignments.find((x) => x.leaf.id === params.indicatorId && x.leaf.method.kind !== 'satisfaction' && x.units.some((u) => u.unitId === params.unitId));
    // The scope has refused an assessor unit already: what is left is a unit or leaf the plans do not have.
    if (!a) throw new NotFoundError(t('该单位在本周期没有此项考评指标', 'This unit has no such scored indicator in this cycle'));
    const [scores, goals, unitSelf] = await Promise.all([
      readScores(ctx.regionId, ctx.cycle.cycleId, [{ unitId: params.unitId, indicatorId: params.indicatorId }]),
      readGoals(ctx.regionId, ctx.cycle.cycleId, [params.unitId], params.indicatorId),
      readUnitSelfAssessment(ctx.regionId, ctx.cycle.cycleId, params.unitId),
    ]);
    const s = [...scores.values()][0];
    const g = goals.get(params.unitId);
    const setStatus = unitSelf.set?.status;
    const item = setStatus === 'submitted' || setStatus === 'approved' ? unitSelf.items.find((i) => i.indicatorId === params.indicatorId) : undefined;
    const reported = item ? reportedOf(a.leaf.method.kind, new Map([[params.unitId, { item }]])).get(params.unitId) : undefined;
    return {
      row: {
        unitId: params.unitId,
        unitName: a.units.find((u) => u.unitId === params.unitId)!.name,
        categoryId: a.categoryId,
        categoryName: a.categoryName,
        indicatorId: a.leaf.id,
        indicatorName: a.leaf.name,
        methodKind: a.leaf.method.kind,
        points: a.leaf.points,
        state: workState(s),
        ...(g?.status === 'approved' ? { target: g.target, unitOfMeasure: g.unitOfMeasure } : {}),
        ...(reported !== undefined ? { reported: fieldText(SCORE_FIELD[a.leaf.method.kind], reported) } : {}),
        ...(s ? { score: s } : {}),
      },
      ...(a.leaf.criteria ? { criteria: a.leaf.criteria } : {}),
      ...(g?.status === 'approved' ? { goal: { target: g.target, unitOfMeasure: g.unitOfMeasure, milestones: g.milestones } } : {}),
      ...(item && setStatus
        ? { self: { status: setStatus, achieved: item.achieved, occurrences: item.occurrences, level: item.level, selfScore: item.selfScore, narrative: item.narrative, explanation: item.explanation, evidence: item.evidence } }
        : {}),
      editable: isAtStage(ctx.cycle, SCORING_STAGE) && a.assessorUnitId === caller.unitId && s?.status !== 'submitted',
    };
  },

  saveScore: async ({ caller, params, body }) => {
    const ctx = await scoringContext(params.regionId, params.cycleId);
    const kind = writableLeaf(ctx, caller, params.indicatorId, false)[0]!.leaf.method.kind;
    const value = inputValue(kind, body.inputs);
    return saveOne(caller, params, { value, reason: body.reason, version: body.version }, false);
  },

  saveSurvey: async ({ caller, params, body }) => saveOne(caller, params, { value: body.rate, reason: body.reason, version: body.version }, true),

  submitScores: async ({ caller, params, body }) => {
    requireOwnDesk(caller, params.unitId);
    const ctx = await scoringContext(params.regionId, params.cycleId);
    const mine = assignmentsOf(ctx, params.unitId, params.indicatorId);
    if (!mine.length) throw new ForbiddenError(t('该指标未分配给本单位考评', 'This indicator is not assigned to your unit'));
    requireScoringStage(ctx);
    const unitIds = mine.flatMap((a) => a.units.map((u) => ({ unitId: u.unitId, name: u.name })));
    if (body.total !== unitIds.length) throw new ConflictError(t(`该指标现有 ${unitIds.length} 个单位（页面显示 ${body.total} 个），请刷新后再报送`, `The indicator now has ${unitIds.length} units (the page showed ${body.total}); refresh before submitting`));
    const scores = byUnit(await readScores(ctx.regionId, ctx.cycle.cycleId, unitIds.map((u) => ({ unitId: u.unitId, indicatorId: params.indicatorId }))));
    const open = unitIds.filter((u) => scores.get(u.unitId)?.score == null);
    if (open.length) {
      throw new DomainError(422, 'INCOMPLETE', t(`尚有 ${open.length} 个单位未评出得分：${open.map((u) => u.name).join('、')}`, `${open.length} units have no score yet: ${open.map((u) => u.name).join(', ')}`), open.map((u) => ({ path: u.unitId, message: scores.has(u.unitId) ? t('得分尚不能计算', 'No score yet') : t('未录入', 'Not entered') })));
    }
    const drafts = [...scores.values()].filter((s) => s.status === 'draft');
    if (!drafts.length) throw new ConflictError(t('该指标的评分已报送', 'The scores of this indicator are already submitted'));
    const at = nowIso();
    const guards = await submissionGuards(ctx.cycle, params.unitId, now());
    // Done once this indicator is in: every other indicator of the unit submitted for all its units.
    const tally = await getTally(ctx.regionId, ctx.cycle.cycleId, params.unitId);
    const expected = new Map<string, number>();
    for (const a of assignmentsOf(ctx, params.unitId)) expected.set(a.leaf.id, (expected.get(a.leaf.id) ?? 0) + a.units.length);
    const allSubmitted = [...expected].every(([id, n]) => id === params.indicatorId || (tally?.indicators[id]?.submitted ?? 0) >= n);
    const [region, indicatorName] = [await getRegion(ctx.regionId), mine[0]!.leaf.name];
    const assessorName = (await getUnit(ctx.regionId, params.unitId))?.name ?? params.unitId;
    for (let i = 0; i < drafts.length; i += MAX_SCORES_PER_WRITE) {
      const chunk = drafts.slice(i, i + MAX_SCORES_PER_WRITE);
      const last = i + MAX_SCORES_PER_WRITE >= drafts.length;
      const before = i === 0 ? tally : await getTally(ctx.regionId, ctx.cycle.cycleId, params.unitId);
      await storeScores(
        caller,
        { action: 'score.submit', target: `scores:${ctx.regionId}/${ctx.cycle.cycleId}/${params.unitId}/${params.indicatorId}` },
        { regionId: ctx.regionId, cycleId: ctx.cycle.cycleId, assessorUnitId: params.unitId, tally: before, move: { delta: new Map([[params.indicatorId, { scored: 0, submitted: chunk.length }]]), submittedAt: at, allSubmitted: last && allSubmitted } },
        chunk.map((s) => ({ before: s, after: { ...s, status: 'submitted' as const, submittedAt: at, submittedBy: caller.username, version: s.version + 1, updatedAt: at, updatedBy: caller.username } })),
        at,
        {
          guards: i === 0 ? guards : [],
          ...(last && region?.bureauUnitId
            ? {
                notice: noticeItem({
                  regionId: ctx.regionId,
                  unitId: region.bureauUnitId,
                  at,
                  kind: 'scores.submitted',
                  title: `【评分报送】${assessorName}：${indicatorName}`,
                  body: `${assessorName} 报送了 ${ctx.cycle.name}「${indicatorName}」${drafts.length} 个单位的评分${last && allSubmitted ? '，本单位负责的指标已全部报送' : ''}。`,
                  link: `/scoring-progress`,
                }),
              }
            : {}),
        },
      );
    }
    return { indicatorId: params.indicatorId, submitted: drafts.length, allSubmitted };
  },

  importScores: async ({ caller, params, body }) => {
    const ctx = await scoringContext(params.regionId, params.cycleId);
    // The sheet is read first, so its own problems are named whoever sends it; then who may import it.
    const all = ctx.assignments.filter((a) => a.leaf.id === body.indicatorId && a.leaf.method.kind !== 'satisfaction');
    const read = readScoreRows(body.rows, all[0]?.leaf.method.kind ?? 'completion', new Set(all.flatMap((a) => a.units.map((u) => u.unitId))));
    if (read.errors.length) throw importRefusal(read.errors, { zh: '未导入任何评分', en: 'nothing was imported' });
    requireOwnDesk(caller, params.unitId);
    const mine = writableLeaf(ctx, caller, body.indicatorId, false);
    if (!body.dryRun) requireScoringStage(ctx);
    const count = await importChanges(caller, ctx, body.indicatorId, mine, read.rows.map((r) => ({ unitId: r.unitId, value: r.value, reason: r.reason, row: r.row })), body.dryRun, 'score.import', SCORE_COLUMNS.input);
    return { count, dryRun: body.dryRun };
  },

  importSurvey: async ({ caller, params, body }) => {
    const ctx = await scoringContext(params.regionId, params.cycleId);
    // The sheet is read first against the cycle's surveys (personal contacts refused whoever sends it), then the desk's own.
    const surveys = ctx.assignments.filter((a) => a.leaf.method.kind === 'satisfaction');
    const read = readSurveyRows(body.rows, [...new Map(surveys.map((a) => [a.leaf.id, a.leaf])).values()], new Set(surveys.flatMap((a) => a.units.map((u) => u.unitId))));
    if (read.errors.length) throw importRefusal(read.errors, { zh: '未导入任何调查结果', en: 'nothing was imported' });
    requireOwnDesk(caller, params.unitId);
    const mine = surveys.filter((a) => a.assessorUnitId === params.unitId);
    if (!mine.length) throw new ForbiddenError(t('没有委托本单位的满意度调查', 'No survey is assigned to your unit'));
    const leafIds = [...new Set(mine.map((a) => a.leaf.id))];
    const foreign = read.rows.flatMap((r) => r.rates.filter((x) => !leafIds.includes(x.indicatorId)).map((x) => ({ row: r.row, column: x.indicatorId, message: t('该满意度指标未委托本单位调查', 'This survey is not assigned to your unit') })));
    if (foreign.length) throw importRefusal(foreign, { zh: '未导入任何调查结果', en: 'nothing was imported' });
    if (!body.dryRun) requireScoringStage(ctx);
    // Each leaf checked first (a refusal of any imports nothing), then written.
    const perLeaf = leafIds.map((id) => ({ id, of: mine.filter((a) => a.leaf.id === id), changes: read.rows.flatMap((r) => r.rates.filter((x) => x.indicatorId === id).map((x) => ({ unitId: r.unitId, value: x.rate, row: r.row }))) }));
    for (const leaf of perLeaf) await importChanges(caller, ctx, leaf.id, leaf.of, leaf.changes, true, 'survey.import', leaf.id);
    if (!body.dryRun) for (const leaf of perLeaf) if (leaf.changes.length) await importChanges(caller, ctx, leaf.id, leaf.of, leaf.changes, false, 'survey.import', leaf.id);
    return { count: read.rows.length, dryRun: body.dryRun };
  },

  getScoringProgress: async ({ params }) => {
    const ctx = await scoringContext(params.regionId, params.cycleId);
    const deadline = stageDeadline(ctx);
    const [tallies, duties] = await Promise.all([listTallies(ctx.regionId, ctx.cycle.cycleId), deadline ? loadStageDuties(ctx.regionId, ctx.cycle.cycleId, SCORING_STAGE, deadline) : Promise.resolve([])]);
    const tallyOf = new Map(tallies.map((x) => [x.unitId, x]));
    const dutyOf = new Map(duties.map((d) => [d.unitId, d]));
    const assessors = [...new Set(ctx.assignments.map((a) => a.assessorUnitId))].sort();
    const nowMs = now();
    return {
      cycleId: ctx.cycle.cycleId,
      stage: ctx.cycle.currentStage,
      ...(deadline ? { deadline } : {}),
      assessors: assessors.map((unitId) => {
        const tally = tallyOf.get(unitId);
        const duty = dutyOf.get(unitId);
        const mine = assignmentsOf(ctx, unitId);
        const indicators = [...new Set(mine.map((a) => a.leaf.id))].map((id) => {
          const of = mine.filter((a) => a.leaf.id === id);
          const total = of.reduce((n, a) => n + a.units.length, 0);
          const c = tally?.indicators[id];
          return {
            indicatorId: id,
            name: of[0]!.leaf.name,
            methodKind: of[0]!.leaf.method.kind,
            points: [...new Set(of.map((a) => a.leaf.points))],
            total,
            toScore: Math.max(0, total - (c?.scored ?? 0)),
            scored: c?.scored ?? 0,
            submitted: c?.submitted ?? 0,
            ...(c?.submittedAt ? { submittedAt: c.submittedAt } : {}),
          };
        });
        const own = duty?.deadline ?? deadline ?? '';
        const submitted = tally?.status === 'submitted';
        return {
          unitId,
          name: duty?.unitName ?? unitId,
          status: tally?.status ?? 'open',
          ...(tally?.submittedAt ? { submittedAt: tally.submittedAt } : {}),
          deadline: own,
          extended: !!duty?.extension,
          late: own !== '' && (submitted ? Date.parse(tally!.submittedAt ?? '') >= deadlineInstant(own) : nowMs >= deadlineInstant(own)),
          total: indicators.reduce((n, i) => n + i.total, 0),
          scored: indicators.reduce((n, i) => n + i.scored, 0),
          submitted: indicators.reduce((n, i) => n + i.submitted, 0),
          indicators,
        };
      }),
    };
  },
});

// Self-assessment (自评, Art 16; stage 5), spread into the 'assessment' group: a unit assesses each of
// its approved goals (drafts saved as typed, evidence signed straight to the bucket), its leader submits
// the set to its assessor units and the bureau (the stage duty's late lock applies), the bureau approves
// or returns it. Assessor units read submitted sets, only the indicators they assess. Rules:
// domain/self-assessment.ts; storage: data/self-assessments.ts.
import { now, nowIso } from '../../config/clock.ts';
import { t } from '../../contracts/lang.ts';
import { selfAssessmentRoutes, type SelfGoalView, type SelfSetsView, type UnitSelfView } from '../../contracts/self-assessment.ts';
import { getCategorySet } from '../../data/categories.ts';
import { tableName } from '../../data/client.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { readDutyRecord } from '../../data/duties.ts';
import { newFileId, signDownload, signUpload } from '../../data/evidence-store.ts';
import { readUnitGoals } from '../../data/goals.ts';
import { noticeItem } from '../../data/notifications.ts';
import { getCurrentPlan, type PlanRecord } from '../../data/plans.ts';
import { loadReach } from '../../data/reach.ts';
import { getRegion, getUnits } from '../../data/regions.ts';
import { listSelfSets, readUnitSelfAssessment, SELF_REVIEW_STAGES, SELF_STAGES, storeSelfAssessment, storeSelfSetMove, storeSelfUpload, type UnitSelfAssessment } from '../../data/self-assessments.ts';
import { deadlineInstant } from '../../domain/dates.ts';
import { mayDeliver, unitDeadline } from '../../domain/duties.ts';
import { evidenceObjectKey } from '../../domain/evidence.ts';
import { ConflictError, DomainError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { isLeaf, type PlanNode } from '../../domain/plan.ts';
import type { Caller } from '../../domain/roles.ts';
import { foreignInputs, inputProblems, isComplete, missing, readableByAssessor, selfMethod, selfMove, selfPreview, type SelfAction, type SelfInput } from '../../domain/self-assessment.ts';
import { isAtStage, stageNumber } from '../../domain/stages.ts';
import type { GoalRecord } from '../../model/goal.ts';
import { EVIDENCE_MAX_FILES } from '../../model/progress-report.ts';
import type { SelfAssessmentRecord, SelfAssessmentSetRecord, SelfStatus } from '../../model/self-assessment.ts';
import { ops } from '../../http/chain.ts';
import { confirmEvidence } from './evidence-files.ts';
import { submissionGuards } from './duty-lock.ts';

/** Evidence of a self-assessment sits under the goal, in place of a progress period. */
const SELF_PERIOD = 'self';
const objectKeyOf = (s: { regionId: string; cycleId: string; unitId: string; indicatorId: string }, fileId: string) => evidenceObjectKey({ ...s, period: SELF_PERIOD }, fileId);

interface Leaf {
  node: PlanNode;
  parents: string[];
}

interface Ctx {
  regionId: string;
  cycle: Cycle;
  unitId: string;
  unitName: string;
  categoryId: string;
  categoryName: string;
  plan: PlanRecord;
  leaves: Map<string, Leaf>;
  /** The unit's approved goals: what it assesses (the revision in force). */
  goals: GoalRecord[];
}

function leafMap(tree: readonly PlanNode[]): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  const visit = (nodes: readonly PlanNode[], parents: string[]) => {
    for (const n of nodes) {
      if (isLeaf(n)) out.set(n.id, { node: n, parents });
      else visit(n.children ?? [], [...parents, n.name]);
    }
  };
  visit(tree, []);
  return out;
}

/** The cycle, the unit's category and its plan in force, and the unit's approved goals. */
async function context(params: { regionId: string; cycleId: string; unitId: string }): Promise<Ctx> {
  const { regionId, cycleId, unitId } = params;
  const [cycle, categories, { goals }] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId), readUnitGoals(regionId, cycleId, unitId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const category = categories?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  const unit = category?.units.find((u) => u.unitId === unitId);
  if (!category || !unit) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
  const plan = await getCurrentPlan(regionId, cycleId, category.categoryId);
  if (!plan) throw new NotFoundError(t(`「${category.name}」尚无考评方案`, `“${category.name}” has no plan yet`));
  return {
    regionId,
    cycle,
    unitId,
    unitName: unit.name,
    categoryId: category.categoryId,
    categoryName: category.name,
    plan,
    leaves: leafMap(plan.plan.tree),
    goals: goals.filter((g) => g.status === 'approved'),
  };
}

const inputOf = (i: SelfAssessmentRecord | undefined): SelfInput | undefined => i && { achieved: i.achieved, occurrences: i.occurrences, level: i.level, narrative: i.narrative, selfScore: i.methodKind === 'direct' ? i.selfScore : undefined };

/** The unit's deadline in the stage (its extension's, if granted). */
async function deadlineOf(ctx: Ctx) {
  const stage = ctx.cycle.stages[stageNumber('self_assessment') - 1];
  if (!stage) return undefined;
  const record = await readDutyRecord(ctx.regionId, ctx.cycle.cycleId, ctx.unitId, 'self_assessment');
  return { deadline: unitDeadline(stage.deadline, record?.extension), passed: !mayDeliver(now(), stage.deadline, record?.extension) };
}

async function view(ctx: Ctx, read: Pick<UnitSelfAssessment, 'set' | 'items'>, only?: ReadonlySet<string>): Promise<UnitSelfView> {
  const goals = only ? ctx.goals.filter((g) => only.has(g.indicatorId)) : ctx.goals;
  const items = new Map(read.items.map((i) => [i.indicatorId, i]));
  const assessorIds = [...new Set(goals.map((g) => ctx.leaves.get(g.indicatorId)?.node.assessorUnitId ?? '').filter(Boolean))];
  const [assessors, due] = await Promise.all([assessorIds.length ? getUnits(ctx.regionId, assessorIds) : [], deadlineOf(ctx)]);
  const names = new Map(assessors.map((u) => [u.unitId, u.name]));
  const rows: SelfGoalView[] = goals.map((g) => {
    const leaf = ctx.leaves.get(g.indicatorId);
    const assessorUnitId = leaf?.node.assessorUnitId ?? '';
    const item = items.get(g.indicatorId);
    const { regionId: _r, ...itemView } = item ?? ({} as Partial<SelfAssessmentRecord>);
    return {
      indicatorId: g.indicatorId,
      name: leaf?.node.name ?? g.indicatorId,
      parents: leaf?.parents ?? [],
      points: leaf?.node.points ?? 0,
      method: leaf?.node.method,
      criteria: leaf?.node.criteria,
      common: leaf?.node.common,
      assessorUnitId,
      ...(names.get(assessorUnitId) ? { assessorUnitName: names.get(assessorUnitId) } : {}),
      target: g.target,
      unitOfMeasure: g.unitOfMeasure,
      scoringNote: g.scoringNote,
      milestones: g.milestones,
      goalRevision: g.revision,
      ...(item ? { item: itemView as SelfAssessmentRecord } : {}),
    };
  });
  const set = read.set;
  const status = set?.status ?? 'draft';
  const withUnit = status === 'draft' || status === 'returned';
  const problems = only
    ? []
    : [
        ...(ctx.goals.length ? [] : [{ indicatorId: '', code: 'no_goals', message: t('本单位尚无已审定的目标，无需自评', 'This unit has no approved goals to assess') }]),
        ...missing(
          ctx.goals.map((g) => ({ indicatorId: g.indicatorId, name: ctx.leaves.get(g.indicatorId)?.node.name ?? g.indicatorId, methodKind: selfMethod(ctx.leaves.get(g.indicatorId)?.node.method)?.kind })),
          new Map([...items].map(([k, v]) => [k, inputOf(v)!])),
        ),
      ];
  return {
    cycleId: ctx.cycle.cycleId,
    cycleName: ctx.cycle.name,
    unitId: ctx.unitId,
    unitName: ctx.unitName,
    categoryId: ctx.categoryId,
    categoryName: ctx.categoryName,
    stage: ctx.cycle.currentStage,
    set: set
      ? {
          status: set.status,
          version: set.version,
          counts: set.counts,
          goalCount: set.goalCount,
          ...pick(set, ['submittedAt', 'submittedBy', 'late', 'approvedAt', 'approvedBy', 'returnReason', 'returnedAt', 'returnedBy', 'updatedAt']),
        }
      : { status: 'draft', version: 0, counts: { saved: 0, complete: 0 }, goalCount: ctx.goals.length },
    editable: !only && withUnit && isAtStage(ctx.cycle, 'self_assessment'),
    ...(due ? { deadline: due.deadline } : {}),
    deadlinePassed: due?.passed ?? false,
    goals: rows,
    problems,
  };
}

function pick<T extends object, K extends keyof T>(o: T, fields: readonly K[]): Partial<Pick<T, K>> {
  return Object.fromEntries(fields.filter((f) => o[f] !== undefined).map((f) => [f, o[f]])) as Partial<Pick<T, K>>;
}

function refuseMove(action: SelfAction, status: SelfStatus | undefined, caller: Caller): SelfStatus {
  const move = selfMove(action, status, caller.role);
  if (!move.ok) throw new ConflictError(move.message);
  return move.to;
}

const notInStage = () => new ConflictError(t('周期不在「自评」阶段，自评不能填写或报送', 'The cycle is not in self-assessment: nothing can be filled in or submitted'));
const stale = () => new ConflictError(t('自评已被他人修改，请刷新后重试', 'Someone else changed this self-assessment; please refresh and try again'));

function goalOf(ctx: Ctx, indicatorId: string): GoalRecord {
  const goal = ctx.goals.find((g) => g.indicatorId === indicatorId);
  if (!goal) throw new NotFoundError(t(`指标 ${indicatorId} 不是本单位已审定的目标`, `Indicator ${indicatorId} is not an approved goal of this unit`));
  return goal;
}

/** The submission's notices: the bureau, and each assessor unit of the unit's goals. */
function submitNotices(ctx: Ctx, bureauUnitId: string, resubmitted: boolean, at: string) {
  const assessorUnits = [...new Set(ctx.goals.map((g) => ctx.leaves.get(g.indicatorId)?.node.assessorUnitId ?? '').filter((u) => u && u !== bureauUnitId))];
  const title = `【自评${resubmitted ? '重新' : ''}报送】${ctx.unitName} ${ctx.cycle.name}`;
  return [
    noticeItem({ regionId: ctx.regionId, unitId: bureauUnitId, at, kind: 'self.submitted', title, body: `${ctx.unitName}${resubmitted ? '修改后重新' : ''}报送了 ${ctx.cycle.name} 的自评（${ctx.goals.length} 项目标），请确认。`, link: `/self-assessments/${ctx.cycle.cycleId}?unit=${ctx.unitId}` }),
    ...assessorUnits.map((u) =>
      noticeItem({ regionId: ctx.regionId, unitId: u, at, kind: 'self.submitted', title, body: `${ctx.unitName} 的自评已报送，其中有本单位考评的指标。`, link: `/assessed-self/${ctx.cycle.cycleId}?unit=${ctx.unitId}` }),
    ),
  ];
}

async function download(params: { regionId: string; cycleId: string; unitId: string; indicatorId: string; fileId: string }, assessorOnly: boolean) {
  const { set, items } = await readUnitSelfAssessment(params.regionId, params.cycleId, params.unitId);
  // An assessor unit reads the files once the set is submitted (the scope has already refused an indicator not its own).
  if (assessorOnly && !readableByAssessor(set?.status)) throw new NotFoundError(t('该单位尚未报送自评', 'This unit has not submitted its self-assessment'));
  const item = items.find((i) => i.indicatorId === params.indicatorId);
  const file = item?.evidence.find((f) => f.fileId === params.fileId);
  if (!item || !file) throw new NotFoundError(t('未找到该佐证材料', 'No such evidence file'));
  return { url: await signDownload(objectKeyOf(item, file.fileId), file.name), name: file.name };
}

export const selfAssessmentOps = ops(selfAssessmentRoutes, {
  getUnitSelfAssessment: async ({ params }) => {
    const [ctx, read] = await Promise.all([context(params), readUnitSelfAssessment(params.regionId, params.cycleId, params.unitId)]);
    return view(ctx, read);
  },

  saveSelfAssessment: async ({ caller, params, body }) => {
    const [ctx, read] = await Promise.all([context(params), readUnitSelfAssessment(params.regionId, params.cycleId, params.unitId)]);
    refuseMove('edit', read.set?.status, caller);
    if (!isAtStage(ctx.cycle, 'self_assessment')) throw notInStage();
    const goal = goalOf(ctx, params.indicatorId);
    const leaf = ctx.leaves.get(goal.indicatorId)?.node;
    const method = selfMethod(leaf?.method);
    if (!leaf || !method) throw new ConflictError(t(`指标 ${goal.indicatorId} 在现行方案中没有评分方法，请联系绩效办`, `Indicator ${goal.indicatorId} has no scoring method in the plan in force; ask the bureau`));
    const before = read.items.find((i) => i.indicatorId === goal.indicatorId);
    if ((before?.version ?? 0) !== body.version) throw stale();
    const { version, evidence: fileIds, ...input } = body;
    const problems = [...foreignInputs(method.kind, input), ...inputProblems(leaf.points, method, input, goal.target)];
    if (problems.length) throw new ValidationError(t('自评有误', 'The self-assessment has problems'), problems);
    const pending = new Map(read.uploads.filter((u) => u.indicatorId === goal.indicatorId).map((u) => [u.fileId, u]));
    const { files, used } = await confirmEvidence(fileIds, before?.evidence ?? [], async (id) => pending.get(id), t('未找到该文件的上传记录', 'No upload of this file was signed for this goal'));
    const preview = selfPreview(leaf.points, method, input, goal.target);
    const at = nowIso();
    const after: SelfAssessmentRecord = {
      regionId: ctx.regionId,
      cycleId: ctx.cycle.cycleId,
      unitId: ctx.unitId,
      indicatorId: goal.indicatorId,
      categoryId: ctx.categoryId,
      planVersion: ctx.plan.version,
      ...(goal.revision ? { goalRevision: goal.revision } : {}),
      methodKind: method.kind,
      assessorUnitId: leaf.assessorUnitId ?? '',
      ...(input.achieved !== undefined ? { achieved: input.achieved } : {}),
      ...(input.occurrences !== undefined ? { occurrences: input.occurrences } : {}),
      ...(input.level !== undefined ? { level: input.level } : {}),
      ...(input.narrative ? { narrative: input.narrative } : {}),
      evidence: files,
      ...(preview.selfScore !== undefined ? { selfScore: preview.selfScore } : {}),
      explanation: preview.explanation,
      complete: isComplete(method.kind, input),
      version: version + 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    const created: SelfAssessmentSetRecord = {
      regionId: ctx.regionId,
      cycleId: ctx.cycle.cycleId,
      unitId: ctx.unitId,
      categoryId: ctx.categoryId,
      status: 'draft',
      counts: { saved: 1, complete: after.complete ? 1 : 0 },
      goalCount: ctx.goals.length,
      version: 1,
      updatedAt: at,
      updatedBy: caller.username,
    };
    await storeSelfAssessment(caller, { ...(before ? { before } : {}), after }, { ...(read.set ? { before: read.set } : {}), created }, used, at);
    const { regionId: _r, ...out } = after;
    return out;
  },

  signSelfEvidenceUpload: async ({ caller, params, body }) => {
    const { regionId, cycleId, unitId, indicatorId } = params;
    const [ctx, read] = await Promise.all([context(params), readUnitSelfAssessment(regionId, cycleId, unitId)]);
    refuseMove('edit', read.set?.status, caller);
    if (!isAtStage(ctx.cycle, 'self_assessment')) throw notInStage();
    goalOf(ctx, indicatorId);
    if ((read.items.find((i) => i.indicatorId === indicatorId)?.evidence.length ?? 0) >= EVIDENCE_MAX_FILES) {
      throw new ConflictError(t(`每项目标最多 ${EVIDENCE_MAX_FILES} 个佐证材料`, `At most ${EVIDENCE_MAX_FILES} evidence files per goal`));
    }
    const fileId = newFileId();
    const objectKey = objectKeyOf({ regionId, cycleId, unitId, indicatorId }, fileId);
    const at = nowIso();
    await storeSelfUpload(caller, { regionId, cycleId, unitId, indicatorId, fileId, name: body.name, contentType: body.contentType, size: body.size, sha256: body.sha256, objectKey, signedAt: at, signedBy: caller.username }, at);
    return { fileId, ...(await signUpload(objectKey, body.contentType, body.size, body.sha256, now())) };
  },

  downloadSelfEvidence: async ({ params }) => download(params, false),
  downloadAssessedSelfEvidence: async ({ params }) => download(params, true),

  submitSelfAssessment: async ({ caller, params, body }) => {
    const [ctx, read, region] = await Promise.all([context(params), readUnitSelfAssessment(params.regionId, params.cycleId, params.unitId), getRegion(params.regionId)]);
    const set = read.set;
    refuseMove('submit', set?.status, caller);
    if (!isAtStage(ctx.cycle, 'self_assessment')) throw notInStage();
    const current = await view(ctx, read);
    if (current.problems.length || !set) {
      throw new DomainError(422, 'SELF_INCOMPLETE', t(`自评尚不完整（${current.problems.length} 处），不能报送`, `The self-assessment is not complete (${current.problems.length} problems) and cannot be submitted`), current.problems.map((p) => ({ path: p.indicatorId ? `goals.${p.indicatorId}` : 'goals', message: p.message })));
    }
    if (set.version !== body.version) throw stale();
    if (!region) throw new NotFoundError(t('该行政区域不存在', 'This region does not exist'));
    const at = nowIso();
    // Stage duty: past the unit's deadline (the stage's, or its extension's) the submission is locked, re-checked in the transaction.
    const guards = await submissionGuards(ctx.cycle, ctx.unitId, Date.parse(at));
    const stageDeadline = ctx.cycle.stages[stageNumber('self_assessment') - 1]?.deadline;
    const resubmitted = set.status === 'returned';
    const after: SelfAssessmentSetRecord = {
      ...set,
      status: 'submitted',
      goalCount: ctx.goals.length,
      version: set.version + 1,
      submittedAt: at,
      submittedBy: caller.username,
      ...(set.late || (stageDeadline && Date.parse(at) >= deadlineInstant(stageDeadline)) ? { late: true } : {}),
      updatedAt: at,
      updatedBy: caller.username,
    };
    const notices = submitNotices(ctx, region.bureauUnitId, resubmitted, at).map((Item) => ({ Put: { TableName: tableName(), Item } }));
    await storeSelfSetMove(caller, { action: resubmitted ? 'self.resubmit' : 'self.submit', before: set, after, stages: SELF_STAGES, extra: [...guards, ...notices] }, at);
    return view(ctx, { set: after, items: read.items });
  },

  reviewSelfAssessment: async ({ caller, params, body }) => {
    const [ctx, read] = await Promise.all([context(params), readUnitSelfAssessment(params.regionId, params.cycleId, params.unitId)]);
    const set = read.set;
    if (!set) throw new ConflictError(t('该单位尚未报送自评', 'This unit has not submitted its self-assessment'));
    const to = refuseMove(body.decision, set.status, caller);
    if (!SELF_REVIEW_STAGES.some((s) => isAtStage(ctx.cycle, s))) throw new ConflictError(t('周期不在自评或考核评分阶段', 'The cycle is neither in self-assessment nor in assessment'));
    if (set.version !== body.version) throw stale();
    const at = nowIso();
    const after: SelfAssessmentSetRecord = {
      ...set,
      status: to,
      version: set.version + 1,
      ...(body.decision === 'approve' ? { approvedAt: at, approvedBy: caller.username } : { returnReason: body.reason, returnedAt: at, returnedBy: caller.username }),
      updatedAt: at,
      updatedBy: caller.username,
    };
    const notice = noticeItem({
      regionId: ctx.regionId,
      unitId: ctx.unitId,
      at,
      kind: to === 'approved' ? 'self.approved' : 'self.returned',
      title: to === 'approved' ? `【自评已确认】${ctx.cycle.name}` : `【自评退回】${ctx.cycle.name}`,
      body: body.decision === 'approve' ? `本单位 ${ctx.cycle.name} 的自评已由绩效办确认。` : `绩效办退回了本单位的自评，请按理由修改后重新报送：${body.reason}`,
      link: `/self-assessment/${ctx.cycle.cycleId}`,
    });
    await storeSelfSetMove(caller, { action: `self.${body.decision}`, before: set, after, stages: SELF_REVIEW_STAGES, extra: [{ Put: { TableName: tableName(), Item: notice } }] }, at);
    return view(ctx, { set: after, items: read.items });
  },

  /** Every unit of the cycle's categories with its set: one GetItem of the categories, one Query of the queue (gsi3); filtered and paged here. */
  listSelfAssessments: async ({ params, query }): Promise<SelfSetsView> => {
    const { regionId, cycleId } = params;
    const [categories, sets] = await Promise.all([getCategorySet(regionId, cycleId), listSelfSets(regionId, cycleId)]);
    if (!categories) throw new NotFoundError(t('该周期尚无考评类别', 'This cycle has no categories'));
    const byUnit = new Map(sets.map((s) => [s.unitId, s]));
    const totals = { missing: 0, draft: 0, submitted: 0, returned: 0, approved: 0 };
    const rows: SelfSetsView['items'] = [];
    for (const c of [...categories.categories].sort((a, b) => a.order - b.order)) {
      for (const u of c.units) {
        const s = byUnit.get(u.unitId);
        totals[s?.status ?? 'missing'] += 1;
        rows.push({
          unitId: u.unitId,
          unitName: u.name,
          categoryId: c.categoryId,
          categoryName: c.name,
          status: s?.status ?? 'missing',
          version: s?.version ?? 0,
          counts: s?.counts ?? { saved: 0, complete: 0 },
          goalCount: s?.goalCount ?? 0,
          ...(s ? pick(s, ['submittedAt', 'late', 'approvedAt', 'returnedAt']) : {}),
        });
      }
    }
    const matching = rows.filter((r) => (!query.status || r.status === query.status) && (!query.categoryId || r.categoryId === query.categoryId) && (!query.q || r.unitName.includes(query.q)));
    const cats = [...categories.categories].sort((a, b) => a.order - b.order).map((c) => ({ categoryId: c.categoryId, name: c.name }));
    return { items: matching.slice((query.page - 1) * query.limit, query.page * query.limit), total: matching.length, totals, categories: cats };
  },

  /** The units whose submitted (or approved) sets hold indicators the caller's unit assesses: the queue's one Query, and the plans for the reach. */
  listAssessedSelfAssessments: async ({ caller, params }) => {
    const { regionId, cycleId } = params;
    const [reach, categories, sets] = await Promise.all([loadReach(regionId, cycleId, caller.unitId, 'indicators'), getCategorySet(regionId, cycleId), listSelfSets(regionId, cycleId)]);
    const names = new Map((categories?.categories ?? []).flatMap((c) => c.units.map((u) => [u.unitId, u.name] as const)));
    return {
      items: sets
        .filter((s) => readableByAssessor(s.status) && reach.has(s.unitId))
        .map((s) => ({ unitId: s.unitId, unitName: names.get(s.unitId) ?? s.unitId, status: s.status, ...(s.submittedAt ? { submittedAt: s.submittedAt } : {}), indicators: reach.get(s.unitId)!.size }))
        .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '')),
    };
  },

  /** A unit's submitted self-assessment, only the indicators the caller's unit assesses. */
  getAssessedSelfAssessment: async ({ caller, params }) => {
    const [ctx, read, reach] = await Promise.all([context(params), readUnitSelfAssessment(params.regionId, params.cycleId, params.unitId), loadReach(params.regionId, params.cycleId, caller.unitId, 'indicators')]);
    if (!readableByAssessor(read.set?.status)) throw new NotFoundError(t('该单位尚未报送自评', 'This unit has not submitted its self-assessment'));
    const mine = reach.get(params.unitId) ?? new Set<string>();
    return view(ctx, { ...(read.set ? { set: read.set } : {}), items: read.items.filter((i) => mine.has(i.indicatorId)) }, mine);
  },
});

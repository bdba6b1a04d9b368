// The plan of each category of a cycle (Art 9, 19–22): everyone of the region reads it, the
// bureau writes it. In the plan stage a save edits the plan in place; later it needs a reason and
// proposes a new version, which takes force (and is published) when the bureau leader approves it,
// the earlier versions staying readable (domain/plan.ts planWrite decides which; issue 11).
import { isDeepStrictEqual } from 'node:util';
import { newRunItem } from '../../data/warning-runs.ts';
import { newWarningRun } from '../workflow/recolour-warnings.ts';
import { launchRecolour } from './warning-runs.ts';
import { nowIso } from '../../config/clock.ts';
import type { AssessorOption, ImportPlanBody, PlanProposalView, PlanView, SavePlanBody } from '../../contracts/plan.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle, type Cycle } from '../../data/cycles.ts';
import { getCurrentPlan, getPlanVersion, listPlanVersions, savePlan, type PlanRecord } from '../../data/plans.ts';
import { getRegion } from '../../data/regions.ts';
import { readUnits } from '../../data/units.ts';
import type { Actor } from '../../data/commit.ts';
import { noticeItem } from '../../data/notifications.ts';
import { approveProposal, getLatestProposal, rejectProposal, storeProposal } from '../../data/plan-proposals.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { decidable, versionFromProposal } from '../../domain/plan-approval.ts';
import { BUREAU_ROLES, type Role } from '../../domain/roles.ts';
import { stageNumber } from '../../domain/stages.ts';
import type { PlanProposalRecord } from '../../model/plan-proposal.ts';
import { importRefusal } from '../../domain/import-report.ts';
import { importRows } from '../../domain/plan-rows.ts';
import {
  checkPlan,
  defaultPlan,
  diffTrees,
  leaves,
  normalisePlan,
  planAssessors,
  planProblems,
  planVersioned,
  planWrite,
  sumProblems,
  totalRulesOf,
  type CategoryPlan,
  type PlanContext,
} from '../../domain/plan.ts';
import { apiHandler } from '../../http/chain.ts';
import { businessEvent } from '../../observability/metrics.ts';

interface Scope {
  regionId: string;
  cycle: Cycle;
  categoryId: string;
  categoryName: string;
}

async function loadScope(params: { regionId: string; cycleId: string; categoryId: string }): Promise<Scope> {
  const { regionId, cycleId, categoryId } = params;
  const [cycle, set] = await Promise.all([getCycle(regionId, cycleId), getCategorySet(regionId, cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const category = set?.categories.find((c) => c.categoryId === categoryId);
  if (!category) throw new NotFoundError(t('该周期没有这个考评类别', 'This cycle has no such category'));
  return { regionId, cycle, categoryId: category.categoryId, categoryName: category.name };
}

/** Units that may score a leaf, as the plan page offers them. */
async function assessorsOf(regionId: string): Promise<AssessorOption[]> {
  const [region, { units }] = await Promise.all([getRegion(regionId), readUnits(regionId)]);
  return planAssessors(units, region?.bureauUnitId).map((u) => ({ unitId: u.unitId, name: u.name, shortName: u.shortName, type: u.type }));
}

const context = (assessors: AssessorOption[]): PlanContext => ({ assessors: new Map(assessors.map((u) => [u.unitId, u.name])) });

/** The latest proposal as the bureau reads it. */
function proposalView(p: PlanProposalRecord | undefined): PlanProposalView | undefined {
  if (!p) return undefined;
  const { regionId: _r, cycleId: _c, categoryId: _k, version: _v, ...rest } = p;
  return rest;
}

const isBureau = (role: Role | undefined) => role !== undefined && BUREAU_ROLES.includes(role);
const pendingOf = (p: PlanProposalRecord | undefined) => (p?.status === 'proposed' ? p : undefined);

function view(s: Scope, rec: PlanRecord | undefined, latest: number, assessors: AssessorOption[], proposal?: PlanProposalView): PlanView {
  const plan = rec?.plan ?? defaultPlan();
  const version = rec?.version ?? 0;
  const waiting = proposal?.status === 'proposed' && planVersioned(s.cycle);
  return {
    cycleId: s.cycle.cycleId,
    categoryId: s.categoryId,
    categoryName: s.categoryName,
    version,
    latestVersion: latest,
    revision: rec?.revision ?? 0,
    current: version === latest,
    // A proposal awaiting the leader is decided before another is made.
    editable: s.cycle.status === 'open' && version === latest && !waiting,
    reasonRequired: planVersioned(s.cycle),
    stage: s.cycle.currentStage,
    plan,
    balanced: sumProblems(plan).length === 0,
    problems: planProblems(plan),
    totalRules: totalRulesOf(plan),
    ...(rec ? { reason: rec.reason, createdAt: rec.createdAt, createdBy: rec.createdBy, updatedAt: rec.updatedAt, updatedBy: rec.updatedBy, approvedAt: rec.approvedAt, approvedBy: rec.approvedBy } : {}),
    ...(proposal ? { proposal } : {}),
    assessors,
  };
}

/**
 * Stores the write the domain allows: in place during the plan stage, else a proposal for the
 * bureau leader (the version in force stays). Answers the plan view after it.
 */
async function store(caller: Actor, s: Scope, input: SavePlanBody | ImportPlanBody, plan: CategoryPlan, before: PlanRecord | undefined, assessors: AssessorOption[]): Promise<PlanView> {
  const latestProposal = await getLatestProposal(s.regionId, s.cycle.cycleId, s.categoryId, true);
  const write = planWrite(s.cycle, before, input, pendingOf(latestProposal));
  if ('refusal' in write) throw write.refusal;
  const at = nowIso();
  if (write.proposed) {
    const proposal: PlanProposalRecord = {
      regionId: s.regionId,
      cycleId: s.cycle.cycleId,
      categoryId: s.categoryId,
      seq: (latestProposal?.seq ?? 0) + 1,
      basedOn: before?.version ?? 0,
      basedOnRevision: before?.revision ?? 0,
      plan,
      balanced: sumProblems(plan).length === 0,
      reason: write.reason ?? '',
      changes: diffTrees(before?.plan.tree ?? [], plan.tree),
      status: 'proposed',
      proposedAt: at,
      proposedBy: caller.username,
      version: 1,
    };
    const notice = await bureauNotice(s, at, 'plan.proposed', `【方案修改待审批】${s.categoryName} · ${s.cycle.name}`, `${caller.username} 提出「${s.categoryName}」考评方案第 ${proposal.seq} 号修改（拟为第 ${write.version} 版），理由：${proposal.reason}。请绩效办领导审批。`);
    await storeProposal(caller, proposal, before, versionFromProposal(proposal, before, s.cycle.currentStage, caller.username, at), stageNumber('plan'), notice, at);
    return view(s, before, before?.version ?? 0, assessors, proposalView(proposal));
  }
  const kept = write.inPlace ? before : undefined;
  const next: PlanRecord = {
    regionId: s.regionId,
    cycleId: s.cycle.cycleId,
    categoryId: s.categoryId,
    version: write.version,
    revision: input.revision + 1,
    plan,
    balanced: sumProblems(plan).length === 0,
    stage: s.cycle.currentStage,
    ...(write.reason ? { reason: write.reason } : {}),
    createdAt: kept?.createdAt ?? at,
    createdBy: kept?.createdBy ?? caller.username,
    updatedAt: at,
    updatedBy: caller.username,
  };
  await savePlan(caller, next, before, at);
  return view(s, next, next.version, assessors);
}

/** A notice to the region's bureau (proposals and decisions). */
async function bureauNotice(s: Scope, at: string, kind: string, title: string, body: string) {
  const region = await getRegion(s.regionId);
  if (!region) throw new NotFoundError(t('该行政区域不存在', 'This region does not exist'));
  return noticeItem({ regionId: s.regionId, unitId: region.bureauUnitId, at, kind, title, body, link: `/cycles/${s.cycle.cycleId}/plan` });
}

const withPrefix = (prefix: string, problems: { path: string; message: string }[]) => problems.map((p) => ({ ...p, path: `${prefix}${p.path}` }));

export const handler = apiHandler('plan', {
  /** The bureau also sees the latest proposal; nobody else does. */
  getPlan: async ({ caller, params, query }) => {
    const s = await loadScope(params);
    const [current, assessors, proposal] = await Promise.all([
      getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId),
      assessorsOf(s.regionId),
      isBureau(caller?.role) ? getLatestProposal(s.regionId, s.cycle.cycleId, s.categoryId) : undefined,
    ]);
    const latest = current?.version ?? 0;
    if (query.version === undefined || query.version === latest) return view(s, current, latest, assessors, proposalView(proposal));
    const rec = await getPlanVersion(s.regionId, s.cycle.cycleId, s.categoryId, query.version);
    if (!rec) throw new NotFoundError(t(`该类别方案没有第 ${query.version} 版`, `This category's plan has no version ${query.version}`));
    return view(s, rec, latest, assessors);
  },

  listPlanVersions: async ({ params }) => {
    const s = await loadScope(params);
    return { items: await listPlanVersions(s.regionId, s.cycle.cycleId, s.categoryId) };
  },

  savePlan: async ({ caller, params, body }) => {
    const s = await loadScope(params);
    const [before, assessors] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId)]);
    const plan = normalisePlan(body.plan);
    const problems = checkPlan(plan, context(assessors));
    if (problems.length) throw new ValidationError(t('方案有误', 'The plan has problems'), withPrefix('body.plan.', problems));
    return store(caller, s, body, plan, before, assessors);
  },

  /** Replaces the indicator tree from sheet rows; any bad row and nothing is imported. */
  importPlan: async ({ caller, params, body }) => {
    const s = await loadScope(params);
    const [before, assessors] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId)]);
    const { plan, errors } = importRows(body.rows, before?.plan ?? defaultPlan(), context(assessors), assessors);
    if (errors.length) throw importRefusal(errors, { zh: '未导入任何数据', en: 'nothing was imported' });
    const answer = await store(caller, s, body, plan, before, assessors);
    businessEvent('ImportRows', leaves(plan.tree).length, { sheet: 'plan' });
    return answer;
  },

  /** The bureau leader approves the proposal read (it becomes the version in force, published) or rejects it with an opinion. */
  decidePlanProposal: async ({ caller, params, body }) => {
    const s = await loadScope(params);
    const [current, assessors, latest] = await Promise.all([getCurrentPlan(s.regionId, s.cycle.cycleId, s.categoryId), assessorsOf(s.regionId), getLatestProposal(s.regionId, s.cycle.cycleId, s.categoryId, true)]);
    const proposal = decidable(latest, body.seq);
    if (proposal instanceof ConflictError) throw proposal;
    if (s.cycle.status !== 'open') throw new ConflictError(t('该考评周期已结束，方案不能再修改', 'This cycle has closed; its plan can no longer change'));
    const at = nowIso();
    const decided: PlanProposalRecord = { ...proposal, status: body.decision === 'approve' ? 'approved' : 'rejected', decidedAt: at, decidedBy: caller.username, ...(body.opinion ? { opinion: body.opinion } : {}), version: proposal.version + 1 };
    if (body.decision === 'reject') {
      const notice = await bureauNotice(s, at, 'plan.rejected', `【方案修改退回】${s.categoryName} · ${s.cycle.name}`, `「${s.categoryName}」考评方案第 ${proposal.seq} 号修改未获批准，现行第 ${current?.version ?? 0} 版不变。意见：${body.opinion}`);
      await rejectProposal(caller, proposal, decided, notice, at);
      return view(s, current, current?.version ?? 0, assessors, proposalView(decided));
    }
    const next = versionFromProposal(proposal, current, s.cycle.currentStage, caller.username, at);
    const approved = { ...decided, approvedVersion: next.version };
    const notice = await bureauNotice(s, at, 'plan.approved', `【方案修改已批准】${s.categoryName} · ${s.cycle.name}`, `「${s.categoryName}」考评方案第 ${proposal.seq} 号修改已批准，第 ${next.version} 版自即日起施行并公开。${body.opinion ? `意见：${body.opinion}` : ''}`);
    // Art 12: new warning thresholds recolour the category's goals — in the background (a 300-unit
    // category is far beyond one request): the run is recorded in the approval's transaction and
    // started after it; the bureau watches it (contracts/warning-runs.ts) and restarts it if it fails.
    const run = isDeepStrictEqual(current?.plan.warning, next.plan.warning)
      ? undefined
      : await newWarningRun({ regionId: s.regionId, cycleId: s.cycle.cycleId, categoryId: s.categoryId, categoryName: s.categoryName, planVersion: next.version, by: caller.username, at });
    await approveProposal(caller, proposal, approved, current, next, stageNumber('plan'), notice, at, run ? [newRunItem(run)] : []);
    if (run) await launchRecolour(run, caller);
    return { ...view(s, next, next.version, assessors, proposalView(approved)), ...(run ? { warningRunId: run.id } : {}) };
  },
});

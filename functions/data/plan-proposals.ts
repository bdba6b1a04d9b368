// Proposed plan versions (keys.planProposal), kept beside the plan's versions in the region's
// partition but under their own prefix, so the version in force (the newest PLAN# item) stays as it
// is while a proposal waits. Proposing, approving and rejecting are each one commit with the
// proposal's and the plan's version checks, the cycle still open, and the notice to the bureau.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { planProposalRecord, type PlanProposalRecord } from '../model/plan-proposal.ts';
import type { PlanRecord } from '../model/plan.ts';
import { documentClient, tableName } from './client.ts';
import { commit, put, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { assertPlanSize, planItem } from './plans.ts';

export const planProposalEntity = entity('planProposal', planProposalRecord, (p) => keys.planProposal(p.regionId, p.cycleId, p.categoryId, p.seq));

/** The category's latest proposal (pending or decided), if any: one Query, newest first, Limit 1. */
export async function getLatestProposal(regionId: string, cycleId: string, categoryId: string, consistent = false): Promise<PlanProposalRecord | undefined> {
  const res = await documentClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': keys.regionPartition(regionId), ':sk': keys.planProposalPrefix(cycleId, categoryId) },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: consistent,
    }),
  );
  const item = res.Items?.[0];
  return item ? planProposalEntity.parse(item) : undefined;
}

/** The cycle is still open and past its plan stage (`planStage` is that stage's number). */
const openPastPlan = (regionId: string, cycleId: string, planStage: number): TransactItem => ({
  ConditionCheck: {
    TableName: tableName(),
    Key: keys.cycle(regionId, cycleId),
    ConditionExpression: '#status = :open AND currentStage > :plan',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':open': 'open', ':plan': planStage },
  },
});

/** The version in force is still the one read (none: still none). */
function inForceUnchanged(p: PlanProposalRecord, inForce: PlanRecord | undefined): TransactItem {
  return inForce
    ? { ConditionCheck: { TableName: tableName(), Key: keys.plan(p.regionId, p.cycleId, p.categoryId, inForce.version), ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': inForce.revision } } }
    : { ConditionCheck: { TableName: tableName(), Key: keys.plan(p.regionId, p.cycleId, p.categoryId, 1), ConditionExpression: 'attribute_not_exists(pk)' } };
}

const staleMessage = () => t('方案或其修改申请已被他人处理，请刷新后重试', 'Someone else changed the plan or decided its proposal; please refresh and try again');
const target = (p: PlanProposalRecord) => `plan:${p.regionId}/${p.cycleId}/${p.categoryId}`;

/**
 * Stores a new proposal: the next number (so two at once cannot both land), the version in force as
 * read. `asVersion` is the version it would become, refused now if it would be too large to store.
 */
export async function storeProposal(actor: Actor, proposal: PlanProposalRecord, inForce: PlanRecord | undefined, asVersion: PlanRecord, planStage: number, notice: Record<string, unknown>, at: string): Promise<void> {
  assertPlanSize(asVersion);
  await commit(
    actor,
    { action: 'plan.propose', target: target(proposal), before: inForce && { version: inForce.version, revision: inForce.revision }, after: { seq: proposal.seq, reason: proposal.reason, changes: proposal.changes } },
    [openPastPlan(proposal.regionId, proposal.cycleId, planStage), inForceUnchanged(proposal, inForce), put(planProposalEntity.item(proposal), 'attribute_not_exists(pk)'), put(notice)],
    at,
    staleMessage(),
  );
}

/** The proposal moves from proposed to decided, conditioned on the version read. */
const decided = (after: PlanProposalRecord, before: PlanProposalRecord): TransactItem => ({
  Put: { TableName: tableName(), Item: planProposalEntity.item(after), ConditionExpression: '#status = :proposed AND version = :v', ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':proposed': 'proposed', ':v': before.version } },
});

/** Approves: the proposal becomes the next plan version, in force and published, in one commit. */
export async function approveProposal(actor: Actor, before: PlanProposalRecord, after: PlanProposalRecord, inForce: PlanRecord | undefined, next: PlanRecord, planStage: number, notice: Record<string, unknown>, at: string, also: TransactItem[] = []): Promise<void> {
  await commit(
    actor,
    { action: 'plan.approve', target: target(after), before: inForce && { version: inForce.version, revision: inForce.revision }, after: { seq: after.seq, version: next.version, revision: next.revision, reason: next.reason, ...(after.opinion ? { opinion: after.opinion } : {}) } },
    [openPastPlan(after.regionId, after.cycleId, planStage), inForceUnchanged(after, inForce), decided(after, before), put(planItem(next), 'attribute_not_exists(pk)'), put(notice), ...also],
    at,
    staleMessage(),
  );
}

/** Rejects with the leader's opinion; the version in force stays. */
export async function rejectProposal(actor: Actor, before: PlanProposalRecord, after: PlanProposalRecord, notice: Record<string, unknown>, at: string): Promise<void> {
  await commit(actor, { action: 'plan.reject', target: target(after), after: { seq: after.seq, opinion: after.opinion } }, [decided(after, before), put(notice)], at, staleMessage());
}

// The bureau leader's decision on a proposed plan version (issue 11): which proposal may be decided,
// and the plan version an approval makes. Proposing itself is planWrite's (domain/plan.ts).
import { t } from '../contracts/lang.ts';
import { ConflictError } from './errors.ts';
import type { PlanProposalRecord } from '../model/plan-proposal.ts';
import type { PlanRecord } from '../model/plan.ts';

/** The proposal the leader may decide: the category's latest, still proposed, the one they read. */
export function decidable(latest: PlanProposalRecord | undefined, seq: number): PlanProposalRecord | ConflictError {
  if (!latest || latest.status !== 'proposed') return new ConflictError(t('该类别方案没有待审批的修改', 'This category’s plan has no proposal awaiting a decision'));
  if (latest.seq !== seq) return new ConflictError(t(`待审批的是第 ${latest.seq} 号修改，不是第 ${seq} 号，请刷新后重试`, `The proposal awaiting a decision is number ${latest.seq}, not ${seq}; please refresh`));
  return latest;
}

/**
 * The version an approval puts in force: the next number after the version in force, its revision
 * moving on from it (so an editor who read the old one is refused), made by the proposer, approved by the leader.
 */
export function versionFromProposal(p: PlanProposalRecord, inForce: Pick<PlanRecord, 'version' | 'revision'> | undefined, stage: number, by: string, at: string): PlanRecord {
  return {
    regionId: p.regionId,
    cycleId: p.cycleId,
    categoryId: p.categoryId,
    version: (inForce?.version ?? 0) + 1,
    revision: (inForce?.revision ?? 0) + 1,
    plan: p.plan,
    balanced: p.balanced,
    stage,
    reason: p.reason,
    approvedBy: by,
    approvedAt: at,
    createdAt: p.proposedAt,
    createdBy: p.proposedBy,
    updatedAt: at,
    updatedBy: by,
  };
}

// The bureau leader's decision on a proposed plan version (domain/plan-approval.ts): only the latest
// proposal, still proposed, the one read; the version an approval makes follows the version in force.
import { describe, expect, it } from 'vitest';
import { ConflictError } from '../../functions/domain/errors.ts';
import { decidable, versionFromProposal } from '../../functions/domain/plan-approval.ts';
import { defaultPlan } from '../../functions/domain/plan.ts';
import type { PlanProposalRecord } from '../../functions/model/plan-proposal.ts';

const proposal: PlanProposalRecord = {
  regionId: '450900', cycleId: '2026', categoryId: 'c1', seq: 2, basedOn: 3, basedOnRevision: 7, plan: defaultPlan(), balanced: false, reason: '市委调整',
  changes: { added: [], removed: [], changed: ['1.1'] }, status: 'proposed', proposedAt: '2026-07-01T00:00:00Z', proposedBy: 'yl_staff', version: 1,
};

describe('decidable', () => {
  it('is the latest proposal when it is still proposed and the one read', () => {
    expect(decidable(proposal, 2)).toBe(proposal);
  });
  it('refuses (409) no proposal, a decided one, and another number than the one read', () => {
    expect(decidable(undefined, 1)).toBeInstanceOf(ConflictError);
    expect(decidable({ ...proposal, status: 'rejected' }, 2)).toBeInstanceOf(ConflictError);
    const stale = decidable(proposal, 1);
    expect(stale).toBeInstanceOf(ConflictError);
    expect((stale as ConflictError).message).toContain('第 2 号');
  });
});

describe('versionFromProposal', () => {
  it('makes the next version after the one in force, its revision moved on, made by the proposer and approved by the leader', () => {
    const v = versionFromProposal(proposal, { version: 3, revision: 7 }, 4, 'yl_leader', '2026-07-02T00:00:00Z');
    expect(v).toMatchObject({ version: 4, revision: 8, stage: 4, reason: '市委调整', balanced: false, createdBy: 'yl_staff', createdAt: '2026-07-01T00:00:00Z', approvedBy: 'yl_leader', approvedAt: '2026-07-02T00:00:00Z', updatedBy: 'yl_leader' });
    expect(v.plan).toBe(proposal.plan);
  });
  it('makes version 1 of a category that had none', () => {
    expect(versionFromProposal({ ...proposal, basedOn: 0, basedOnRevision: 0 }, undefined, 4, 'yl_leader', 'x')).toMatchObject({ version: 1, revision: 1 });
  });
});

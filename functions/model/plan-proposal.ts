// A proposed new version of a category's plan after the plan stage (issue 11, Art 11 applied to the
// plan): bureau staff propose it with a reason, the bureau leader approves it (it becomes the version
// in force, published) or rejects it with an opinion. Until then the version in force is unchanged.
import { ids, version, z } from '../contracts/zod.ts';
import { categoryPlan } from './plan.ts';

export const PROPOSAL_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export const proposalStatus = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** One proposal (keys.planProposal), numbered per category: 1, 2, … */
export const planProposalRecord = z.object({
  regionId: ids.region,
  cycleId: ids.cycle,
  categoryId: ids.category,
  seq: z.number().int().min(1),
  /** The version in force when it was proposed (0: none), and that version's revision. */
  basedOn: z.number().int().min(0),
  basedOnRevision: z.number().int().min(0),
  plan: categoryPlan,
  balanced: z.boolean(),
  reason: z.string(),
  /** What it changes against the version it was based on (indicator codes), as proposed. */
  changes: z.object({ added: z.array(z.string()), removed: z.array(z.string()), changed: z.array(z.string()) }),
  status: proposalStatus,
  proposedAt: z.string(),
  proposedBy: z.string(),
  decidedAt: z.string().optional(),
  decidedBy: z.string().optional(),
  /** The leader's opinion (required to reject). */
  opinion: z.string().optional(),
  /** The plan version an approval made. */
  approvedVersion: z.number().int().min(1).optional(),
  /** The record's own edit check: 1 proposed, 2 decided. */
  version,
});
export type PlanProposalRecord = z.infer<typeof planProposalRecord>;

// After the plan stage a change of a category's plan is proposed (savePlan, importPlan) and takes
// force only when the bureau leader approves it, which publishes it; the leader may reject it with
// an opinion. The public site shows each category's version in force, never a proposal.
import { categoryPlan } from '../model/plan.ts';
import { bureauLeader, PUBLIC } from './access.ts';
import { route } from './define.ts';
import { categoryPath, cyclePath } from './paths.ts';
import { planView } from './plan.ts';
import { text, z } from './zod.ts';

const seq = z.number().int().min(1);
/** Approve the proposal read (by its number), or reject it with an opinion. */
export const decidePlanProposalBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('approve'), seq, opinion: text({ max: 500, multiline: true }).optional() }),
  /** A rejection says why. */
  z.object({ decision: z.literal('reject'), seq, opinion: text({ min: 1, max: 500, multiline: true }) }),
]);
export type DecidePlanProposalBody = z.infer<typeof decidePlanProposalBody>;

/** A category whose plan is published (the cycle is past its plan stage and the category has a version in force). */
export const publicPlanSummary = z.object({ categoryId: z.string(), name: z.string(), version: z.number().int().min(1), publishedAt: z.string() });
export const publicPlansView = z.object({ regionName: z.string(), cycleId: z.string(), cycleName: z.string(), items: z.array(publicPlanSummary) });
export type PublicPlansView = z.infer<typeof publicPlansView>;

/** A category's plan in force as published: no one's name, no proposal, no reason for return. */
export const publicPlanView = z.object({
  regionName: z.string(),
  cycleId: z.string(),
  cycleName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  version: z.number().int().min(1),
  /** Why this version was made (a version after the plan stage), as the leader approved it. */
  reason: z.string().optional(),
  publishedAt: z.string(),
  plan: categoryPlan,
  /** The units the category assesses (the unit list set for the cycle). */
  units: z.array(z.string()),
  /** Names of the units that score the leaves. */
  assessors: z.array(z.object({ unitId: z.string(), name: z.string() })),
});
export type PublicPlanView = z.infer<typeof publicPlanView>;

const categoryPlanPath = '/regions/{regionId}/cycles/{cycleId}/plan/{categoryId}';

export const planApprovalRoutes = {
  decidePlanProposal: route({ method: 'POST', path: `${categoryPlanPath}/proposal/decision`, group: 'plan', access: bureauLeader, params: categoryPath, body: decidePlanProposalBody, output: planView, summary: '绩效办领导审批方案修改（批准即生效并公开，或退回）' }),
};

export const publicPlanRoutes = {
  listPublicPlans: route({ method: 'GET', path: '/public/regions/{regionId}/cycles/{cycleId}/plans', group: 'public', access: PUBLIC, params: cyclePath, output: publicPlansView, summary: '公开：某周期各类别现行考评方案' }),
  getPublicPlan: route({ method: 'GET', path: '/public/regions/{regionId}/cycles/{cycleId}/plans/{categoryId}', group: 'public', access: PUBLIC, params: categoryPath, output: publicPlanView, summary: '公开：某类别现行考评方案（已公布版本）' }),
};

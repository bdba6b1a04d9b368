// The bureau leader's decision on a proposed plan version, and the public site's published plans, called by their contracts.
import { planApprovalRoutes, publicPlanRoutes, type DecidePlanProposalBody } from '@shared/contracts/plan-approval.ts';
import { call } from './call';

export type { DecidePlanProposalBody, PublicPlansView, PublicPlanView } from '@shared/contracts/plan-approval.ts';
export type { PlanProposalView } from '@shared/contracts/plan.ts';

/** 绩效办领导审批方案修改（错误由页面显示） */
export const decidePlanProposalApi = (regionId: string, cycleId: string, categoryId: string, body: DecidePlanProposalBody) =>
  call(planApprovalRoutes.decidePlanProposal, { params: { regionId, cycleId, categoryId }, body }, { silent: true });

/** 公开：某周期各类别现行考评方案 */
export const listPublicPlansApi = (regionId: string, cycleId: string) => call(publicPlanRoutes.listPublicPlans, { params: { regionId, cycleId } });

/** 公开：某类别现行考评方案 */
export const getPublicPlanApi = (regionId: string, cycleId: string, categoryId: string) => call(publicPlanRoutes.getPublicPlan, { params: { regionId, cycleId, categoryId } });

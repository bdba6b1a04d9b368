// Every route contract, keyed by its operation name: the route table, the handlers and the web
// all read this one object.
import { accountRoutes } from './account.ts';
import { assessorGoalRoutes } from './assessor-goals.ts';
import { auditRoutes } from './audit.ts';
import { calendarRoutes } from './calendar.ts';
import { claimRoutes } from './claims.ts';
import { complaintRoutes } from './complaints.ts';
import { cycleRoutes } from './cycles.ts';
import { feedRoutes } from './feed.ts';
import { dutyRoutes } from './duties.ts';
import { earlyWarningRoutes } from './early-warning.ts';
import { feedbackRoutes } from './feedback.ts';
import { goalAdjustmentRoutes } from './goal-adjustments.ts';
import { goalRoutes } from './goals.ts';
import { gradeDecisionRoutes } from './grade-decisions.ts';
import { goalTaskRoutes } from './goal-tasks.ts';
import { organisationRoutes } from './organisation.ts';
import { planRoutes } from './plan.ts';
import { planApprovalRoutes, publicPlanRoutes } from './plan-approval.ts';
import { progressReportRoutes } from './progress-reports.ts';
import { publicGoalRoutes } from './public-goals.ts';
import { publicRoutes } from './public.ts';
import { scoreRoutes } from './scores.ts';
import { selfAssessmentRoutes } from './self-assessment.ts';
import { resultRoutes } from './results.ts';
import { reviewRoutes } from './reviews.ts';
import { publicRectificationRoutes, rectificationRoutes } from './rectification.ts';
import { publicResultsNoticeRoutes, resultsNoticeRoutes } from './results-notice.ts';
import { resultsConsumerRoutes, resultsUseRoutes } from './results-use.ts';
import { reportRoutes } from './reports.ts';
import { userRoutes } from './users.ts';
import { warningRunRoutes } from './warning-runs.ts';

export const contracts = {
  ...publicRoutes,
  ...accountRoutes,
  ...auditRoutes,
  ...cycleRoutes,
  ...dutyRoutes,
  ...organisationRoutes,
  ...calendarRoutes,
  ...userRoutes,
  ...planRoutes,
  ...planApprovalRoutes,
  ...publicPlanRoutes,
  ...goalRoutes,
  ...assessorGoalRoutes,
  ...goalAdjustmentRoutes,
  ...publicGoalRoutes,
  ...goalTaskRoutes,
  ...feedRoutes,
  ...earlyWarningRoutes,
  ...warningRunRoutes,
  ...feedbackRoutes,
  ...progressReportRoutes,
  ...scoreRoutes,
  ...selfAssessmentRoutes,
  ...claimRoutes,
  ...resultRoutes,
  ...gradeDecisionRoutes,
  ...reviewRoutes,
  ...resultsNoticeRoutes,
  ...publicResultsNoticeRoutes,
  ...resultsUseRoutes,
  ...resultsConsumerRoutes,
  ...reportRoutes,
  ...complaintRoutes,
  ...rectificationRoutes,
  ...publicRectificationRoutes,
};
export type Contracts = typeof contracts;
export type OpName = keyof Contracts;

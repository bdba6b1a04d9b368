// The 'assessment' handler group: stages 5–6 (自评, 考核评分) — units' self-assessment, assessor
// units' scoring, the third party's survey results, and bonus and deduction claims. Each area's
// operations live in a module of its own and are spread in here.
import { apiHandler } from '../../http/chain.ts';
import { claimOps } from './claims.ts';
import { scoreOps } from './scores.ts';
import { selfAssessmentOps } from './self-assessments.ts';

export const handler = apiHandler('assessment', { ...claimOps, ...scoreOps, ...selfAssessmentOps });

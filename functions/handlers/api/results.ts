// The 'results' handler group: stages 7–8 (汇总反馈, 等次评定) — the preliminary results and their
// publication, vetoes; 复核 and Art 23 decisions join here later. Each area's operations live in a
// module of its own and are spread in here.
import { apiHandler } from '../../http/chain.ts';
import { preliminaryResultOps } from './preliminary-results.ts';
import { reviewOps } from './reviews.ts';
import { vetoOps } from './vetoes.ts';
import { gradeDecisionOps } from './grade-decisions.ts';
import { resultsNoticeOps } from './results-notice.ts';
import { resultsUseOps } from './results-use.ts';
import { reportOps } from './reports.ts';

export const handler = apiHandler('results', { ...preliminaryResultOps, ...vetoOps, ...reviewOps, ...gradeDecisionOps, ...resultsNoticeOps, ...resultsUseOps, ...reportOps });

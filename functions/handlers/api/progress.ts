// The 'progress' handler group: stage 4 (过程管理) — progress reports and their evidence, early
// warning, feedback and rectification during the year, and the bureau's dashboard. Each area's
// operations live in a module of its own and are spread in here.
import { apiHandler } from '../../http/chain.ts';
import { feedSystemOps } from './feed-systems.ts';
import { earlyWarningOps } from './early-warning.ts';
import { feedbackOps } from './feedback.ts';
import { progressReportOps } from './progress-reports.ts';
import { rectificationOps } from './rectification.ts';
import { warningRunOps } from './warning-runs.ts';

export const handler = apiHandler('progress', { ...feedSystemOps, ...earlyWarningOps, ...feedbackOps, ...progressReportOps, ...warningRunOps, ...rectificationOps });

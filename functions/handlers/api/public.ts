// Public pages (no login): regions and their cycles' stages.
import { listCycles } from '../../data/cycles.ts';
import { getRegion, listRegions } from '../../data/regions.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { apiHandler } from '../../http/chain.ts';
import { t } from '../../contracts/lang.ts';
import { cycleView } from './cycle-view.ts';
import { withDutyCounts } from './timeline-duties.ts';
import { publicGoalOps } from './public-goals.ts';
import { publicPlanOps } from './public-plans.ts';
import { publicRectificationOps } from './public-rectification.ts';
import { publicResultsNoticeOps } from './public-results-notice.ts';

export const handler = apiHandler('public', {
  ...publicGoalOps,
  ...publicPlanOps,
  ...publicRectificationOps,
  ...publicResultsNoticeOps,
  listRegions: async () => ({ items: await listRegions() }),
  listRegionCycles: async ({ params }) => {
    const region = await getRegion(params.regionId);
    if (!region) throw new NotFoundError(t('该行政区域不存在', 'This region does not exist'));
    // The public contract drops who in the bureau did what.
    // Stages with duties show how many units delivered (stage duties), never a bare "done".
    return { region, items: await Promise.all((await listCycles(region.regionId)).map((c) => withDutyCounts(c, cycleView(c)))) };
  },
});

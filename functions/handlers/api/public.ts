// Public pages (no login): regions and their cycles' stages.
import { listCycles } from '../../data/cycles.ts';
import { getRegion, listRegions } from '../../data/regions.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { apiHandler } from '../../http/chain.ts';
import { cycleView } from './cycle-view.ts';

export const handler = apiHandler('public', {
  listRegions: async () => ({ items: await listRegions() }),
  listRegionCycles: async ({ params }) => {
    const region = await getRegion(params.regionId!);
    if (!region) throw new NotFoundError('该行政区域不存在');
    // The public sees the timeline, not who in the bureau did what.
    const items = (await listCycles(region.regionId)).map((c) => {
      const { createdBy, stages, ...view } = cycleView(c);
      return { ...view, stages: stages.map(({ doneBy, ...s }) => s) };
    });
    return { region, items };
  },
});

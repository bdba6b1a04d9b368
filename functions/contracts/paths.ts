// Path parameters, each with its exact pattern: a key is never built from an unchecked path id.
import { ids, z } from './zod.ts';

export const regionPath = z.object({ regionId: ids.region });
export const cyclePath = regionPath.extend({ cycleId: ids.cycle });
export const unitPath = regionPath.extend({ unitId: ids.unit });
export const categoryPath = cyclePath.extend({ categoryId: ids.category });
export const userPath = regionPath.extend({ username: ids.username });
export const yearPath = regionPath.extend({ year: ids.year });

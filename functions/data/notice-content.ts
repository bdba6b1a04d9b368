// What a results notice lists, read now: each category of the cycle with its freeze state, its latest
// confirmation snapshot and its plan's grassroots factor, and the approved vetoes' item names — built by
// domain/results-notice.ts. Apart from data/results-notice.ts so the read-only public Lambda, which
// only reads the stored notice, does not bundle these reads.
import { buildNotice, type CategoryInput } from '../domain/results-notice.ts';
import { getCategorySet } from './categories.ts';
import { confirmedResults, listFreezes } from './confirmations.ts';
import { getCurrentPlan } from './plans.ts';
import { listVetoes } from './results.ts';

/** Each category of the cycle with its freeze state; `full` adds its confirmed snapshot and the plan's factor. */
export async function noticeCategoryInputs(regionId: string, cycleId: string, full: boolean): Promise<CategoryInput[]> {
  const [set, freezes] = await Promise.all([getCategorySet(regionId, cycleId), listFreezes(regionId, cycleId)]);
  const categories = [...(set?.categories ?? [])].sort((a, b) => a.order - b.order);
  return Promise.all(
    categories.map(async (c) => {
      const freeze = freezes.find((f) => f.categoryId === c.categoryId);
      const base: CategoryInput = { categoryId: c.categoryId, name: c.name, ...(freeze ? { freeze: { status: freeze.status, confirmedVersion: freeze.confirmedVersion } } : {}) };
      if (!full || !freeze) return base;
      const [confirmation, plan] = await Promise.all([confirmedResults(regionId, cycleId, c.categoryId), getCurrentPlan(regionId, cycleId, c.categoryId)]);
      return { ...base, confirmation, factor: plan?.plan.grassrootsFactor };
    }),
  );
}

/** What a version lists, built now from the confirmed results. */
export async function noticeContentNow(regionId: string, cycleId: string) {
  const [inputs, vetoes] = await Promise.all([noticeCategoryInputs(regionId, cycleId, true), listVetoes(regionId, cycleId)]);
  const byUnit = new Map<string, string[]>();
  for (const v of vetoes.filter((x) => x.status === 'approved')) byUnit.set(v.unitId, [...(byUnit.get(v.unitId) ?? []), v.name]);
  return buildNotice(inputs, byUnit);
}

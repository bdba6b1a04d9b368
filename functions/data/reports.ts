// The reads behind the annual reports (Art 24): nothing is stored for them. A unit's report reads the
// cycle, region and category set (small items), its category's confirmation snapshot (one Query,
// Limit 1), its own result, claims (one Query each), the plan version its result was computed under,
// and the cycle's score rows (one paged Query — the category's average per 一级指标 needs every unit's);
// the problems found are data/problems.ts's read (engineer C's: its own few Queries, run alongside).
// The region report reads the snapshots (one Query per category, this year and last) and the cycle's
// score rows once. test/bench/reports.ts measures both against a bare Query of the score rows.
import { t } from '../contracts/lang.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { CategoryPlan } from '../model/plan.ts';
import type { ScoreRecord } from '../model/score.ts';
import { getCategorySet } from './categories.ts';
import { readUnitClaims } from './claims.ts';
import { confirmedResults } from './confirmations.ts';
import { getCycle } from './cycles.ts';
import { getCurrentPlan, getPlanVersion } from './plans.ts';
import { unitProblems } from './problems.ts';
import { getRegion, getUnit, listUnits } from './regions.ts';
import { readUnitResult } from './results.ts';
import { listCycleScores } from './scores.ts';

const noCycle = () => new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));

async function regionOf(regionId: string) {
  const region = await getRegion(regionId);
  if (!region) throw new NotFoundError(t('该地区不存在', 'This region does not exist'));
  return region;
}

export async function readUnitReportInputs(regionId: string, cycleId: string, unitId: string) {
  const [cycle, region, set, units, own, claims, scores, found] = await Promise.all([
    getCycle(regionId, cycleId),
    regionOf(regionId),
    getCategorySet(regionId, cycleId),
    listUnits(regionId),
    readUnitResult(regionId, cycleId, unitId),
    readUnitClaims(regionId, cycleId, unitId),
    listCycleScores(regionId, cycleId),
    unitProblems(regionId, cycleId, unitId),
  ]);
  if (!cycle) throw noCycle();
  const category = set?.categories.find((c) => c.units.some((u) => u.unitId === unitId));
  if (!category) throw new NotFoundError(t('该单位不在本周期的考评类别中', 'This unit is in no category of this cycle'));
  const snapshot = await confirmedResults(regionId, cycleId, category.categoryId);
  const plan = own.result ? await getPlanVersion(regionId, cycleId, category.categoryId, own.result.planVersion) : undefined;
  const names = new Map(units.map((u) => [u.unitId, u.name]));
  return {
    cycle,
    category,
    snapshot,
    result: own.result,
    plan: plan?.plan,
    claims: claims.claims,
    categoryScores: scores.filter((s) => s.categoryId === category.categoryId),
    region: { regionId, name: region.name, bureauName: names.get(region.bureauUnitId) ?? '' },
    unitNames: names,
    problems: found.problems,
  };
}

/** The plan the category's scores were made under (their newest version), or the one in force. */
async function planOf(regionId: string, cycleId: string, categoryId: string, scores: readonly ScoreRecord[]): Promise<CategoryPlan | undefined> {
  const version = Math.max(0, ...scores.filter((s) => s.categoryId === categoryId).map((s) => s.planVersion));
  const record = version ? await getPlanVersion(regionId, cycleId, categoryId, version) : await getCurrentPlan(regionId, cycleId, categoryId);
  return record?.plan;
}

/** Last year's snapshot of a category: undefined without that cycle, null when not confirmed (or no such category). */
async function previousOf(regionId: string, previousCycleId: string | undefined, categoryId: string | undefined) {
  if (!previousCycleId) return undefined;
  if (!categoryId) return null;
  return (await confirmedResults(regionId, previousCycleId, categoryId)) ?? null;
}

export async function readRegionReportInputs(regionId: string, cycleId: string) {
  const previousId = String(Number(cycleId) - 1);
  const [cycle, region, set, scores, previousCycle, previousSet] = await Promise.all([
    getCycle(regionId, cycleId),
    regionOf(regionId),
    getCategorySet(regionId, cycleId),
    listCycleScores(regionId, cycleId),
    getCycle(regionId, previousId),
    getCategorySet(regionId, previousId),
  ]);
  if (!cycle) throw noCycle();
  // Category ids are per cycle (c1, c2… never reused within one), so last year's is the one of the same name.
  const previousIdOf = (name: string) => previousSet?.categories.find((p) => p.name === name)?.categoryId;
  const bureau = await getUnit(regionId, region.bureauUnitId);
  const categories = await Promise.all(
    (set?.categories ?? []).map(async (c) => {
      const [snapshot, plan, previous] = await Promise.all([
        confirmedResults(regionId, cycleId, c.categoryId),
        planOf(regionId, cycleId, c.categoryId, scores),
        previousOf(regionId, previousCycle ? previousId : undefined, previousIdOf(c.name)),
      ]);
      return { categoryId: c.categoryId, name: c.name, units: c.units.length, snapshot, plan, previous };
    }),
  );
  return { cycle, region: { regionId, name: region.name, bureauName: bureau?.name ?? '' }, categories, scores };
}

// The bureau's feeding systems (contracts/feed.ts): register one with its grants and hand its key out
// once, list them with their last use, revoke or rotate a key. Spread into the 'progress' handler.
import { nowIso } from '../../config/clock.ts';
import { feedSystemRoutes, type FeedSystemView } from '../../contracts/feed.ts';
import { t } from '../../contracts/lang.ts';
import { getCategorySet } from '../../data/categories.ts';
import { getCycle } from '../../data/cycles.ts';
import { getFeedSystem, listFeedSystems, registerFeedSystem, revokeFeedSystem, rotateFeedSystem } from '../../data/feed-systems.ts';
import { getCurrentPlan } from '../../data/plans.ts';
import { getUnits } from '../../data/regions.ts';
import { ConflictError, NotFoundError, ValidationError, type FieldProblem } from '../../domain/errors.ts';
import { feedKeyHint, newFeedKey, newFeedSystemId } from '../../identity/feed-keys.ts';
import { goalLeaves } from '../../domain/goals.ts';
import { ops } from '../../http/chain.ts';
import type { FeedGrants, FeedSystemRecord } from '../../model/feed-system.ts';

export const viewOf = ({ keyHash: _hash, regionId: _region, ...rest }: FeedSystemRecord): FeedSystemView => ({ ...rest, keyHint: feedKeyHint(rest.systemId) });

/**
 * The grants checked against the cycle — each indicator a goal leaf of its category's plan in force,
 * each unit in the cycle's categories — and the indicators named as the plan names them.
 */
async function checkGrants(regionId: string, grants: FeedGrants): Promise<FeedSystemRecord['indicators']> {
  const [cycle, set] = await Promise.all([getCycle(regionId, grants.cycleId), getCategorySet(regionId, grants.cycleId)]);
  if (!cycle) throw new NotFoundError(t('该考评周期不存在', 'This cycle does not exist'));
  const categories = set?.categories ?? [];
  const wanted = categories.filter((c) => grants.indicators.some((g) => g.categoryId === c.categoryId));
  const plans = await Promise.all(wanted.map((c) => getCurrentPlan(regionId, grants.cycleId, c.categoryId)));
  const leaves = new Map(wanted.flatMap((c, i) => (plans[i] ? goalLeaves(plans[i].plan).map((l) => [`${c.categoryId}|${l.id}`, { categoryName: c.name, indicatorName: l.name }] as const) : [])));
  const inCycle = new Set(categories.flatMap((c) => c.units.map((u) => u.unitId)));
  const active = new Set((grants.unitIds.length ? await getUnits(regionId, grants.unitIds) : []).filter((u) => u.status === 'active').map((u) => u.unitId));
  const problems: FieldProblem[] = [];
  const named: FeedSystemRecord['indicators'] = [];
  grants.indicators.forEach((g, i) => {
    const leaf = leaves.get(`${g.categoryId}|${g.indicatorId}`);
    if (leaf) named.push({ ...g, ...leaf });
    else problems.push({ path: `body.indicators.${i}`, message: t(`指标 ${g.indicatorId} 不是该类别现行方案中需制定目标的指标`, `Indicator ${g.indicatorId} is not a goal indicator of that category's plan in force`) });
  });
  grants.unitIds.forEach((id, i) => (!inCycle.has(id) || !active.has(id)) && problems.push({ path: `body.unitIds.${i}`, message: t('该单位不是本周期考评类别中的在用单位', 'Not an active unit of this cycle\'s categories') }));
  if (new Set(grants.indicators.map((g) => `${g.categoryId}|${g.indicatorId}`)).size !== grants.indicators.length) problems.push({ path: 'body.indicators', message: t('指标重复', 'An indicator is listed twice') });
  if (new Set(grants.unitIds).size !== grants.unitIds.length) problems.push({ path: 'body.unitIds', message: t('单位重复', 'A unit is listed twice') });
  if (problems.length) throw new ValidationError(t('接入授权有误', 'The grants have problems'), problems);
  return named;
}

type Grants = Pick<FeedSystemRecord, 'name' | 'cycleId' | 'indicators' | 'unitIds'> & { purpose?: FeedSystemRecord['purpose'] };

export function newSystem(regionId: string, grants: Grants, by: string, at: string, rotatedFrom?: string) {
  const systemId = newFeedSystemId();
  const { key, hash } = newFeedKey(systemId);
  const system: FeedSystemRecord = { regionId, systemId, ...grants, keyHash: hash, status: 'active', createdAt: at, createdBy: by, fedCount: 0, version: 1, ...(rotatedFrom ? { rotatedFrom } : {}) };
  return { system, key };
}

/** The system of the path, in the path's region (another region's id is not found, as if it did not exist). */
async function systemOf(params: { regionId: string; systemId: string }): Promise<FeedSystemRecord> {
  const system = await getFeedSystem(params.systemId);
  if (!system || system.regionId !== params.regionId) throw new NotFoundError(t('该数据接口不存在', 'This feed system does not exist'));
  return system;
}

const activeOnly = (s: FeedSystemRecord, version: number) => {
  if (s.status !== 'active') throw new ConflictError(t('该密钥已吊销', 'This key has already been revoked'));
  if (s.version !== version) throw new ConflictError(t('该数据接口已被他人修改，请刷新后重试', 'Someone else changed this feed system; please refresh and try again'));
};

export const feedSystemOps = ops(feedSystemRoutes, {
  listFeedSystems: async ({ params, query }) => {
    const page = await listFeedSystems(params.regionId, query.limit, query.cursor);
    return { items: page.items.map(viewOf), nextCursor: page.nextCursor };
  },

  createFeedSystem: async ({ caller, params, body }) => {
    const indicators = await checkGrants(params.regionId, body);
    const at = nowIso();
    const { system, key } = newSystem(params.regionId, { name: body.name, cycleId: body.cycleId, indicators, unitIds: body.unitIds }, caller.username, at);
    await registerFeedSystem(caller, system, at);
    return { system: viewOf(system), key };
  },

  revokeFeedSystem: async ({ caller, params, body }) => {
    const system = await systemOf(params);
    activeOnly(system, body.version);
    const at = nowIso();
    await revokeFeedSystem(caller, system, at);
    return viewOf({ ...system, status: 'revoked', revokedAt: at, revokedBy: caller.username, version: system.version + 1 });
  },

  rotateFeedSystem: async ({ caller, params, body }) => {
    const old = await systemOf(params);
    activeOnly(old, body.version);
    const at = nowIso();
    const { name, cycleId, indicators, unitIds, purpose } = old;
    const { system, key } = newSystem(params.regionId, { name, cycleId, indicators, unitIds, ...(purpose ? { purpose } : {}) }, caller.username, at, old.systemId);
    await rotateFeedSystem(caller, old, system, at);
    return { system: viewOf(system), key };
  },
});

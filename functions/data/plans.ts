// The plan of a category, one item per plan version (keys.plan). While the cycle is in its plan
// stage the newest version is edited in place; later a change writes the next version and the
// earlier ones stay as they were. Anything done under a plan (goals, scores) records the version
// number it was done under, so it can always be read back with getPlanVersion.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { ValidationError } from '../domain/errors.ts';
import { diffTrees } from '../domain/plan.ts';
import { planRecord, type CategoryPlan, type PlanRecord, type PlanVersionInfo } from '../model/plan.ts';
import { documentClient, tableName } from './client.ts';
import { commit, put, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export type { PlanRecord, PlanVersionInfo };

export const planEntity = entity('plan', planRecord, (r) => keys.plan(r.regionId, r.cycleId, r.categoryId, r.version));
/** A version read without its plan (the version list projects the plan away). */
const planInfoEntity = entity('plan', planRecord.omit({ plan: true }), (r) => keys.plan(r.regionId, r.cycleId, r.categoryId, r.version));

/** DynamoDB items stop at 400 KB; keep well clear of it. */
export const MAX_PLAN_BYTES = 300_000;

/** The item of a plan version (also what the demo seed writes). */
export const planItem = (r: PlanRecord) => planEntity.item(r);

const newestFirst = (regionId: string, cycleId: string, categoryId: string) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
  ExpressionAttributeValues: { ':pk': keys.regionPartition(regionId), ':sk': keys.planPrefix(cycleId, categoryId) },
  ScanIndexForward: false,
});

export async function getCurrentPlan(regionId: string, cycleId: string, categoryId: string): Promise<PlanRecord | undefined> {
  const res = await documentClient().send(new QueryCommand({ TableName: tableName(), ...newestFirst(regionId, cycleId, categoryId), Limit: 1 }));
  const item = res.Items?.[0];
  return item ? planEntity.parse(item) : undefined;
}

export async function getPlanVersion(regionId: string, cycleId: string, categoryId: string, version: number): Promise<PlanRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.plan(regionId, cycleId, categoryId, version) }));
  return res.Item ? planEntity.parse(res.Item) : undefined;
}

const INFO = ['entity', 'regionId', 'cycleId', 'categoryId', ...Object.keys(planRecord.omit({ plan: true, regionId: true, cycleId: true, categoryId: true }).shape)];

/** Every version without its plan, newest first. */
export async function listPlanVersions(regionId: string, cycleId: string, categoryId: string): Promise<PlanVersionInfo[]> {
  const items = await queryAll({
    ...newestFirst(regionId, cycleId, categoryId),
    ProjectionExpression: INFO.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(INFO.map((a, i) => [`#a${i}`, a])),
  });
  return items.map((item) => planInfoEntity.parse(item));
}

/** Refuses a plan whose item would be too large, before anything is written. */
export function assertPlanSize(record: PlanRecord): void {
  const bytes = Buffer.byteLength(JSON.stringify(planItem(record)), 'utf8');
  if (bytes > MAX_PLAN_BYTES) {
    const kb = Math.ceil(bytes / 1024);
    const limit = MAX_PLAN_BYTES / 1000;
    throw new ValidationError(t('方案过大', 'The plan is too large'), [
      {
        path: 'body.plan',
        message: t(`该类别方案约 ${kb} KB，超过 ${limit} KB 上限，请精简评分标准文字或拆分指标`, `This category's plan is about ${kb} KB, over the ${limit} KB limit; shorten the scoring criteria or split indicators`),
      },
    ]);
  }
}

/**
 * Store `next`: in place over `before` (same version) or as a new version after it. Either way
 * only if nobody saved since `before` was read and the cycle is still in the stage it was read in.
 */
export async function savePlan(actor: Actor, next: PlanRecord, before: PlanRecord | undefined, at: string): Promise<void> {
  assertPlanSize(next);
  const sameStage: TransactItem = {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.cycle(next.regionId, next.cycleId),
      ConditionExpression: 'currentStage = :s AND #status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':s': next.stage, ':open': 'open' },
    },
  };
  const unchanged = { ConditionExpression: 'revision = :r', ExpressionAttributeValues: { ':r': before?.revision ?? 0 } };
  const inPlace = before?.version === next.version;
  const items: TransactItem[] = [sameStage];
  if (inPlace) items.push({ Put: { TableName: tableName(), Item: planItem(next), ...unchanged } });
  else {
    items.push(put(planItem(next), 'attribute_not_exists(pk)'));
    if (before) items.push({ ConditionCheck: { TableName: tableName(), Key: keys.plan(before.regionId, before.cycleId, before.categoryId, before.version), ...unchanged } });
  }
  const summary = (r?: PlanRecord) => r && { version: r.version, revision: r.revision, balanced: r.balanced, nodes: countNodes(r.plan) };
  await commit(
    actor,
    {
      action: inPlace ? 'plan.save' : before ? 'plan.version' : 'plan.create',
      target: `plan:${next.regionId}/${next.cycleId}/${next.categoryId}`,
      before: summary(before),
      after: { ...summary(next), ...(next.reason && !inPlace ? { reason: next.reason } : {}), changes: diffTrees(before?.plan.tree ?? [], next.plan.tree) },
    },
    items,
    at,
    t('方案已被他人修改或周期已进入下一阶段，请刷新后重试', 'Someone else changed the plan or the cycle moved to its next stage; please refresh and try again'),
  );
}

function countNodes(plan: CategoryPlan): number {
  const count = (nodes: CategoryPlan['tree']): number => nodes.reduce((s, n) => s + 1 + count(n.children ?? []), 0);
  return count(plan.tree);
}

// The plan of a category, one item per plan version (keys.plan). While the cycle is in its plan
// stage the newest version is edited in place; later a change writes the next version and the
// earlier ones stay as they were. Anything done under a plan (goals, scores) records the version
// number it was done under, so it can always be read back with getPlanVersion.
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../domain/errors.ts';
import { diffTrees, type CategoryPlan } from '../domain/plan.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export interface PlanRecord {
  regionId: string;
  cycleId: string;
  categoryId: string;
  /** Plan version: v1, v2, …; a new one from stage 2 on. */
  version: number;
  /** Counts every save of the category's plan, across versions: the edit check. */
  revision: number;
  plan: CategoryPlan;
  balanced: boolean;
  /** Cycle stage the version was made in. */
  stage: number;
  /** Why this version was made (required from stage 2 on). */
  reason?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

export type PlanVersionInfo = Omit<PlanRecord, 'plan' | 'regionId' | 'cycleId' | 'categoryId'>;

/** DynamoDB items stop at 400 KB; keep well clear of it. */
export const MAX_PLAN_BYTES = 300_000;

const strip = (item: Record<string, unknown>) => {
  const { pk, sk, entity, ...rest } = item;
  return rest;
};

export const planItem = (r: PlanRecord) => ({ ...keys.plan(r.regionId, r.cycleId, r.categoryId, r.version), entity: 'plan', ...r });

const newestFirst = (regionId: string, cycleId: string, categoryId: string) => ({
  KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
  ExpressionAttributeValues: { ':pk': keys.regionPartition(regionId), ':sk': keys.planPrefix(cycleId, categoryId) },
  ScanIndexForward: false,
});

export async function getCurrentPlan(regionId: string, cycleId: string, categoryId: string): Promise<PlanRecord | undefined> {
  const res = await documentClient().send(new QueryCommand({ TableName: tableName(), ...newestFirst(regionId, cycleId, categoryId), Limit: 1 }));
  const item = res.Items?.[0];
  return item ? (strip(item) as unknown as PlanRecord) : undefined;
}

export async function getPlanVersion(regionId: string, cycleId: string, categoryId: string, version: number): Promise<PlanRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.plan(regionId, cycleId, categoryId, version) }));
  return res.Item ? (strip(res.Item) as unknown as PlanRecord) : undefined;
}

const INFO = ['version', 'revision', 'balanced', 'stage', 'reason', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];

/** Every version without its plan, newest first. */
export async function listPlanVersions(regionId: string, cycleId: string, categoryId: string): Promise<PlanVersionInfo[]> {
  const items = await queryAll({
    ...newestFirst(regionId, cycleId, categoryId),
    ProjectionExpression: INFO.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(INFO.map((a, i) => [`#a${i}`, a])),
  });
  return items as unknown as PlanVersionInfo[];
}

/** Refuses a plan whose item would be too large, before anything is written. */
export function assertPlanSize(record: PlanRecord): void {
  const bytes = Buffer.byteLength(JSON.stringify(planItem(record)), 'utf8');
  if (bytes > MAX_PLAN_BYTES) {
    throw new ValidationError('方案过大', [
      { path: 'body.plan', message: `该类别方案约 ${Math.ceil(bytes / 1024)} KB，超过 ${MAX_PLAN_BYTES / 1000} KB 上限，请精简评分标准文字或拆分指标` },
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
    items.push({ Put: { TableName: tableName(), Item: planItem(next), ConditionExpression: 'attribute_not_exists(pk)' } });
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
    '方案已被他人修改或周期已进入下一阶段，请刷新后重试',
  );
}

function countNodes(plan: CategoryPlan): number {
  const count = (nodes: CategoryPlan['tree']): number => nodes.reduce((s, n) => s + 1 + count(n.children ?? []), 0);
  return count(plan.tree);
}

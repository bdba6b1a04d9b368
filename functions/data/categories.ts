// A cycle's categories (考评类别, Art 22) with the units assigned to them, stored as one item so the
// whole assignment is read and replaced atomically. Units are copied in as they were at assignment
// time: a cycle keeps the unit list it was run with, whatever happens to the units later.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { stageNumber } from '../domain/stages.ts';
import { categorySetRecord, type CategorySet } from '../model/unit.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { unitListUnchanged } from './units.ts';

export const categorySetEntity = entity('categories', categorySetRecord, (s) => keys.categories(s.regionId, s.cycleId));

export async function getCategorySet(regionId: string, cycleId: string): Promise<CategorySet | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.categories(regionId, cycleId) }));
  return res.Item ? categorySetEntity.parse(res.Item) : undefined;
}

export const categorySetItem = (s: CategorySet) => categorySetEntity.item(s);

/**
 * Replace the assignment if it is still at `readVersion` (0: none yet) and the cycle is still in
 * its plan stage: the stage is checked in the same transaction, not only before it.
 * `unitsRev`: the unit-list revision the snapshot was taken at; a unit retired or merged since fails the save.
 */
export async function saveCategorySet(actor: Actor, next: CategorySet, readVersion: number, before: CategorySet | undefined, unitsRev: number, at: string): Promise<void> {
  const stillPlanning: TransactItem = {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.cycle(next.regionId, next.cycleId),
      ConditionExpression: 'currentStage = :plan AND #status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':plan': stageNumber('plan'), ':open': 'open' },
    },
  };
  const write: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: categorySetEntity.item(next),
      ...(readVersion === 0
        ? { ConditionExpression: 'attribute_not_exists(pk)' }
        : { ConditionExpression: 'version = :v', ExpressionAttributeValues: { ':v': readVersion } }),
    },
  };
  const summary = (s?: CategorySet) => s && { version: s.version, categories: s.categories.map((c) => ({ categoryId: c.categoryId, name: c.name, unitIds: c.units.map((u) => u.unitId) })) };
  await commit(
    actor,
    { action: 'categories.save', target: `categories:${next.regionId}/${next.cycleId}`, before: summary(before), after: summary(next) },
    [stillPlanning, unitListUnchanged(next.regionId, unitsRev), write],
    at,
    t('考评类别或单位名单已被他人修改，或周期已离开方案阶段，请刷新后重试', 'Someone else changed the categories or the unit list, or the cycle has left its plan stage; please refresh and try again'),
  );
}

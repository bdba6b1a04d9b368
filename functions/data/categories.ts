// A cycle's categories (考评类别, Art 22) with the units assigned to them, stored as one item so the
// whole assignment is read and replaced atomically. Units are copied in as they were at assignment
// time: a cycle keeps the unit list it was run with, whatever happens to the units later.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { UnitType } from '../domain/organisation.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { keys } from './keys.ts';
import { unitListUnchanged } from './units.ts';

export interface UnitSnapshot {
  unitId: string;
  name: string;
  shortName?: string;
  type: UnitType;
}

export interface Category {
  categoryId: string;
  name: string;
  /** 1-based display and report order. */
  order: number;
  units: UnitSnapshot[];
}

export interface CategorySet {
  regionId: string;
  cycleId: string;
  categories: Category[];
  /** Next number for a category id (`c{n}`), so a removed category's id is not given to another. */
  nextNo: number;
  version: number;
  updatedAt: string;
  updatedBy: string;
}

export async function getCategorySet(regionId: string, cycleId: string): Promise<CategorySet | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.categories(regionId, cycleId) }));
  if (!res.Item) return undefined;
  const { pk, sk, entity, ...set } = res.Item;
  return set as CategorySet;
}

export const categorySetItem = (s: CategorySet) => ({ ...keys.categories(s.regionId, s.cycleId), entity: 'categories', ...s });

/**
 * Replace the assignment if it is still at `readVersion` (0: none yet) and the cycle is still in
 * its plan stage: the stage is checked in the same transaction, not only before it.
 */
/** `unitsRev`: the unit-list revision the snapshot was taken at; a unit retired or merged since fails the save. */
export async function saveCategorySet(actor: Actor, next: CategorySet, readVersion: number, before: CategorySet | undefined, unitsRev: number, at: string): Promise<void> {
  const stillPlanning: TransactItem = {
    ConditionCheck: {
      TableName: tableName(),
      Key: keys.cycle(next.regionId, next.cycleId),
      ConditionExpression: 'currentStage = :plan AND #status = :open',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':plan': 1, ':open': 'open' },
    },
  };
  const write: TransactItem = {
    Put: {
      TableName: tableName(),
      Item: categorySetItem(next),
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
    '考评类别或单位名单已被他人修改，或周期已离开方案阶段，请刷新后重试',
  );
}

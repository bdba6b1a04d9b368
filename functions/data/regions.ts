// Regions (行政区域) with their bureau, and the units under them: read through their entities.
import { BatchGetCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import { regionRecord, type Region } from '../model/region.ts';
import { storedUnit, type StoredUnit, type UnitRecord } from '../model/unit.ts';
import { documentClient, tableName } from './client.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const regionEntity = entity('region', regionRecord, (r) => keys.region(r.regionId));
/** Units stored before the organisation module read as active, version 1, with their one name. */
export const unitEntity = entity('unit', storedUnit, (u) => keys.unit(u.regionId, u.unitId));

export async function getRegion(regionId: string): Promise<Region | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.region(regionId) }));
  return res.Item ? regionEntity.parse(res.Item) : undefined;
}

export async function listRegions(): Promise<Region[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.regionsPartition },
  });
  return items.map((i) => regionEntity.parse(i));
}

/** Every unit of a region, retired ones included (units are never deleted). */
export async function listUnits(regionId: string): Promise<UnitRecord[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.regionPartition(regionId), ':sk': keys.unitPrefix },
  });
  return items.map((i) => unitEntity.parse(i));
}

export async function getUnit(regionId: string, unitId: string): Promise<UnitRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.unit(regionId, unitId) }));
  return res.Item ? unitEntity.parse(res.Item) : undefined;
}

/** The named units of a region (at most 100), in one BatchGetItem; ids not found are left out. */
export async function getUnits(regionId: string, unitIds: readonly string[]): Promise<UnitRecord[]> {
  if (unitIds.length > 100) throw new RangeError('getUnits reads at most 100 units');
  let pending: Record<string, unknown>[] = [...new Set(unitIds)].map((u) => keys.unit(regionId, u));
  const found: UnitRecord[] = [];
  // DynamoDB may leave keys unprocessed under load: ask again for those.
  while (pending.length) {
    const res = await documentClient().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: pending } } }));
    found.push(...(res.Responses?.[tableName()] ?? []).map((i) => unitEntity.parse(i)));
    pending = res.UnprocessedKeys?.[tableName()]?.Keys ?? [];
  }
  return found;
}

/** A region's item, listed in the index of all regions. */
export const regionItem = (r: Region) => regionEntity.item(r, keys.regionList(r.regionId));
export const unitItem = (u: StoredUnit) => unitEntity.item(u);

// Regions (行政区域) with their bureau, and the units under them.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from './client.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export interface Region {
  regionId: string;
  name: string;
  /** The city a county-level region belongs to. */
  parentId?: string;
  /** The unit that is this region's bureau (绩效管理工作机构). */
  bureauUnitId: string;
}

export type UnitType = 'bureau' | 'county' | 'town' | 'department' | 'third_party' | 'other';

export interface Unit {
  regionId: string;
  unitId: string;
  name: string;
  shortName?: string;
  type: UnitType;
  /** Designated assessor unit (考评单位) for indicators in its field. */
  assessor?: boolean;
  assessorField?: string;
  /** Hint for a new cycle's default category; the cycle's own assignment decides (organisation.ts). */
  category?: string;
  /** Absent on units stored before the organisation module: read as active, version 1. */
  status?: 'active' | 'retired';
  /** Every name the unit has had, oldest first; `from` is the Beijing date it took effect. */
  names?: { name: string; from: string }[];
  retiredOn?: string;
  retiredReason?: string;
  mergedInto?: string;
  mergedFrom?: string[];
  version?: number;
}

function strip(item: Record<string, unknown>) {
  const { pk, sk, gsi1pk, gsi1sk, entity, ...rest } = item;
  return rest;
}

export async function getRegion(regionId: string): Promise<Region | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.region(regionId) }));
  return res.Item ? (strip(res.Item) as unknown as Region) : undefined;
}

export async function listRegions(): Promise<Region[]> {
  const items = await queryAll({
    IndexName: 'gsi1',
    KeyConditionExpression: 'gsi1pk = :pk',
    ExpressionAttributeValues: { ':pk': 'REGIONS' },
  });
  return items.map((i) => strip(i) as unknown as Region);
}

export async function listUnits(regionId: string): Promise<Unit[]> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.regionPartition(regionId), ':sk': keys.unitPrefix },
  });
  return items.map((i) => strip(i) as unknown as Unit);
}

export async function getUnit(regionId: string, unitId: string): Promise<Unit | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.unit(regionId, unitId) }));
  return res.Item ? (strip(res.Item) as unknown as Unit) : undefined;
}

export const regionItem = (r: Region) => ({ ...keys.region(r.regionId), ...keys.regionList(r.regionId), entity: 'region', ...r });
export const unitItem = (u: Unit) => ({ ...keys.unit(u.regionId, u.unitId), entity: 'unit', ...u });

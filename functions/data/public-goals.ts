// What the public pages read of a cycle's goals: the sets the bureau approved (one Query of the
// bureau's queue, approved# only) and a unit's goals (one Query of its GOAL# items, eventually
// consistent: a public page may lag a write by a moment, and pays half the read).
import type { GoalRecord, GoalSetRecord } from '../model/goal.ts';
import { goalEntity, goalSetEntity } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export async function listApprovedSets(regionId: string, cycleId: string): Promise<GoalSetRecord[]> {
  const items = await queryAll({
    IndexName: 'gsi3',
    KeyConditionExpression: 'gsi3pk = :pk AND begins_with(gsi3sk, :approved)',
    ExpressionAttributeValues: { ':pk': keys.queuePartition(regionId, cycleId, 'GOAL'), ':approved': 'approved#' },
  });
  return items.map(goalSetEntity.parse);
}

/** A unit's set and goals (tasks and other items under GOAL#u# are left aside by entity). */
export async function readPublicUnitGoals(regionId: string, cycleId: string, unitId: string): Promise<{ set?: GoalSetRecord; goals: GoalRecord[] }> {
  const items = await queryAll({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
    ExpressionAttributeValues: { ':pk': keys.workPartition(regionId, cycleId), ':sk': keys.workPrefix('GOAL', unitId) },
  });
  const setItem = items.find(goalSetEntity.is);
  return { ...(setItem ? { set: goalSetEntity.parse(setItem) } : {}), goals: items.filter(goalEntity.is).map(goalEntity.parse) };
}

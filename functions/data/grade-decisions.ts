// Art 23 decisions as stored (model/grade-decision.ts): next to the unit's result under RESULT#u#, so
// the unit's own page and the computation read them with the Queries they already make, and in the
// bureau's queue (gsi3 ART23#r#c) for the list of the cycle. Every write is version-checked, at
// 等次评定, and conditioned on the category not being confirmed (data/confirmations.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { t } from '../contracts/lang.ts';
import { DECISION_STAGES } from '../domain/confirmation.ts';
import { gradeDecisionRecord, type GradeDecisionRecord } from '../model/grade-decision.ts';
import { documentClient, tableName } from './client.ts';
import { commit, type Actor, type TransactItem } from './commit.ts';
import { notFrozen } from './confirmations.ts';
import { entity } from './entity.ts';
import { atStage, putIf } from './goals.ts';
import { keys } from './keys.ts';
import { queryAll } from './query.ts';

export const gradeDecisionEntity = entity('gradeDecision', gradeDecisionRecord, (d) => keys.gradeDecision(d.regionId, d.cycleId, d.unitId, d.id));
export const gradeDecisionItem = (d: GradeDecisionRecord) => gradeDecisionEntity.item(d, keys.gradeDecisionQueue(d.regionId, d.cycleId, d.status, d.decision?.at ?? d.proposedAt, d.unitId));

export async function getGradeDecision(regionId: string, cycleId: string, unitId: string, id: string): Promise<GradeDecisionRecord | undefined> {
  const res = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.gradeDecision(regionId, cycleId, unitId, id), ConsistentRead: true }));
  return res.Item ? gradeDecisionEntity.parse(res.Item) : undefined;
}

/** The cycle's Art 23 decisions: one Query of the bureau's queue. */
export async function listGradeDecisions(regionId: string, cycleId: string): Promise<GradeDecisionRecord[]> {
  const items = await queryAll({ IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :pk', ExpressionAttributeValues: { ':pk': keys.gradeDecisionQueuePartition(regionId, cycleId) } });
  return items.map(gradeDecisionEntity.parse);
}

/** Of a mixed RESULT# Query (the unit's or the cycle's), the Art 23 decisions. */
export const decisionsIn = (items: readonly Record<string, unknown>[]): GradeDecisionRecord[] => items.filter(gradeDecisionEntity.is).map(gradeDecisionEntity.parse);

/** Proposes or decides one (version-checked), with any notice, at 等次评定 and while the category is not confirmed. */
export async function storeGradeDecision(actor: Actor, before: GradeDecisionRecord | undefined, after: GradeDecisionRecord, at: string, notices: Record<string, unknown>[] = []): Promise<void> {
  const action = !before ? 'art23.propose' : after.status === 'approved' ? 'art23.approve' : 'art23.reject';
  const items: TransactItem[] = [
    atStage(after.regionId, after.cycleId, DECISION_STAGES),
    notFrozen(after.regionId, after.cycleId, after.categoryId),
    putIf(gradeDecisionItem(after), before?.version),
    ...notices.map((Item): TransactItem => ({ Put: { TableName: tableName(), Item } })),
  ];
  await commit(
    actor,
    { action, target: `art23:${after.regionId}/${after.cycleId}/${after.unitId}/${after.id}`, before, after },
    items,
    at,
    t('该调整已被他人修改、类别结果已确认，或周期已不在「等次评定」阶段，请刷新后重试', 'Someone else changed this decision, the category was confirmed, or the cycle left grading; please refresh and try again'),
  );
}

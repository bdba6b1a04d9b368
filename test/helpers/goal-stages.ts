// Tests that put a seeded cycle back at goal setting also give its goal stages deadlines ahead of the
// real clock: past a stage's deadline, stage duties lock a unit's submission (domain/duties.ts).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { keys } from '../../functions/data/keys.ts';
import { beijingDate } from '../../functions/domain/dates.ts';
import { stageNumber } from '../../functions/domain/stages.ts';

const DAY = 86_400_000;

export async function goalStagesAhead(regionId: string, cycleId: string): Promise<void> {
  for (const [code, days] of [['goal_setting', 60], ['goal_review', 90]] as const) {
    await documentClient().send(
      new UpdateCommand({ TableName: tableName(), Key: keys.stage(regionId, cycleId, stageNumber(code)), UpdateExpression: 'SET deadline = :d', ExpressionAttributeValues: { ':d': beijingDate(Date.now() + days * DAY) } }),
    );
  }
}

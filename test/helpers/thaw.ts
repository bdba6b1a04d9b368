// Tests that put the seeded 2025 cycle back before 等次评定 (to compute, publish or score again) take
// back the demo's confirmations first: a confirmed category is frozen (data/confirmations.ts), so
// nothing would change otherwise. The snapshots stay; only the freeze states go.
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { listFreezes } from '../../functions/data/confirmations.ts';
import { keys } from '../../functions/data/keys.ts';

export async function thawConfirmations(regionId: string, cycleId: string): Promise<number> {
  const freezes = await listFreezes(regionId, cycleId);
  for (const f of freezes) await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.categoryFreeze(regionId, cycleId, f.categoryId) }));
  return freezes.length;
}

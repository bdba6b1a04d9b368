// Items written in bulk for the demo seed: BatchWriteItem, 25 items a request, a few requests at
// once, unprocessed items sent again. Unconditional puts, so a part cut short is simply written again.
import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '../../functions/data/client.ts';

const PER_REQUEST = 25;
const AT_ONCE = 4;

async function writeBatch(items: readonly Record<string, unknown>[]): Promise<void> {
  let pending: BatchWriteCommandInput['RequestItems'] = { [tableName()]: items.map((Item) => ({ PutRequest: { Item } })) };
  for (let attempt = 0; pending && Object.keys(pending).length; attempt++) {
    if (attempt > 8) throw new Error('BatchWriteItem left items unprocessed');
    if (attempt) await new Promise((r) => setTimeout(r, 20 * 2 ** attempt));
    const res: { UnprocessedItems?: BatchWriteCommandInput['RequestItems'] } = await documentClient().send(new BatchWriteCommand({ RequestItems: pending }));
    pending = res.UnprocessedItems;
  }
}

export async function putAll(all: readonly Record<string, unknown>[]): Promise<void> {
  // A key given twice keeps its last item, as writing them in order would (batches run side by side).
  const items = [...new Map(all.map((item) => [`${String(item.pk)}\u0000${String(item.sk)}`, item])).values()];
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += PER_REQUEST) batches.push(items.slice(i, i + PER_REQUEST));
  for (let i = 0; i < batches.length; i += AT_ONCE) await Promise.all(batches.slice(i, i + AT_ONCE).map(writeBatch));
}

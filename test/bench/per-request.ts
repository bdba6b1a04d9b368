// One line per call of what it costs besides time: its DynamoDB requests, items, bytes and units
// (capacity.ts) and what it would log deployed (log-bytes.ts). Each call runs twice (once per meter).
import { documentClient } from '../../functions/data/client.ts';
import { metered, meterLine } from './capacity.ts';
import { logBytesOf, logLine } from './log-bytes.ts';

export async function printPerRequest(title: string, calls: [string, () => Promise<unknown>][]): Promise<void> {
  console.log(`\n${title}`);
  console.log('| call | DynamoDB (session check included) | log bytes and handler time, deployed form |\n|---|---|---|');
  for (const [name, call] of calls) {
    const { meter } = await metered(documentClient(), call);
    const log = await logBytesOf(call);
    console.log(`| ${name} | ${meterLine(meter)} | ${logLine(log)} |`);
  }
}

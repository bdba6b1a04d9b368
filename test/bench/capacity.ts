// The benches' DynamoDB meter: a middleware on the bench process's document client (the one the
// product code uses, in-process on the local stack) that counts requests, items and bytes per
// command and asks for ReturnConsumedCapacity 'TOTAL'. DynamoDB Local may or may not answer with
// ConsumedCapacity, so capacity is also computed from the item sizes by DynamoDB's published rules:
// a strongly consistent read unit per 4 KB read (half for an eventually consistent one), a write unit
// per 1 KB written, both doubled in a transaction; a Query rounds the sum of its page, a GetItem or a
// write each item. An UpdateItem's item is not sent whole, so it counts as 1 KB — the counters and
// statuses this product updates are well under that. A put item carrying an index key is also
// written to that index (the table's indexes project ALL): one standard write unit per KB per index,
// counted apart (gsiWcu); an update's index writes are not seen.
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export type Meter = {
  requests: Record<string, number>;
  /** Items returned by reads, items sent by writes. */
  itemsRead: number;
  itemsWritten: number;
  bytesRead: number;
  bytesWritten: number;
  /** Computed from item sizes (see the header). */
  rcu: number;
  wcu: number;
  /** Write units of the index copies of put items (not in `wcu`). */
  gsiWcu: number;
  /** As DynamoDB reported it (ConsumedCapacity); undefined when it never did. */
  reportedRcu?: number;
  reportedWcu?: number;
};

export const emptyMeter = (): Meter => ({ requests: {}, itemsRead: 0, itemsWritten: 0, bytesRead: 0, bytesWritten: 0, rcu: 0, wcu: 0, gsiWcu: 0 });

const INDEX_KEYS = ['gsi1pk', 'gsi2pk', 'gsi3pk'];
/** Standard write units of a put item's copies in the indexes whose key it carries. */
const indexUnits = (item: Record<string, unknown>, bytes: number) => INDEX_KEYS.filter((k) => item[k] !== undefined).length * writeUnits(bytes);

const utf8 = (s: string) => Buffer.byteLength(s, 'utf8');

/** A value's size by DynamoDB's rules (numbers: about one byte per two digits plus one). */
function valueSize(v: unknown): number {
  if (v === null || v === undefined || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return utf8(v);
  if (typeof v === 'number' || typeof v === 'bigint') return Math.ceil(String(v).replace(/[-.]/g, '').replace(/^0+/, '').length / 2) + 1;
  if (v instanceof Uint8Array) return v.byteLength;
  if (v instanceof Set) return [...v].reduce((n: number, x) => n + valueSize(x), 0);
  if (Array.isArray(v)) return 3 + v.reduce((n: number, x) => n + 1 + valueSize(x), 0);
  if (typeof v === 'object') return 3 + Object.entries(v as Record<string, unknown>).reduce((n, [k, x]) => n + 1 + utf8(k) + valueSize(x), 0);
  return 0;
}

/** An item's stored size: attribute names plus values. */
export function itemSize(item: Record<string, unknown>): number {
  return Object.entries(item).reduce((n, [k, v]) => (v === undefined ? n : n + utf8(k) + valueSize(v)), 0);
}

const readUnits = (bytes: number, consistent: boolean) => Math.max(1, Math.ceil(bytes / 4096)) * (consistent ? 1 : 0.5);
const writeUnits = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

type Input = Record<string, unknown> & {
  ConsistentRead?: boolean;
  Item?: Record<string, unknown>;
  TransactItems?: Record<string, { Item?: Record<string, unknown> }>[];
  /** BatchWrite: a list of requests per table; BatchGet: keys and ConsistentRead per table. */
  RequestItems?: Record<string, unknown>;
};
type Output = { Item?: Record<string, unknown>; Items?: Record<string, unknown>[]; Responses?: unknown; ConsumedCapacity?: unknown };
type Capacity = { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number };

/** `command`: the client's command name without 'Command' (the document client's or the base client's). */
function account(meter: Meter, command: string, input: Input, output: Output): void {
  meter.requests[command] = (meter.requests[command] ?? 0) + 1;
  const consistent = input.ConsistentRead === true;
  if (command === 'Query' || command === 'Scan') {
    const items = output.Items ?? [];
    const bytes = items.reduce((n, i) => n + itemSize(i), 0);
    meter.itemsRead += items.length;
    meter.bytesRead += bytes;
    meter.rcu += readUnits(bytes, consistent);
  } else if (command === 'Get' || command === 'GetItem') {
    const bytes = output.Item ? itemSize(output.Item) : 0;
    meter.itemsRead += output.Item ? 1 : 0;
    meter.bytesRead += bytes;
    meter.rcu += readUnits(bytes, consistent);
  } else if (command === 'BatchGet' || command === 'BatchGetItem' || command === 'TransactGet' || command === 'TransactGetItems') {
    const responses = output.Responses as Record<string, Record<string, unknown>[]> | { Item?: Record<string, unknown> }[] | undefined;
    const items = Array.isArray(responses) ? responses.flatMap((r) => (r.Item ? [r.Item] : [])) : Object.values(responses ?? {}).flat();
    // A BatchGet says ConsistentRead per table.
    const batchConsistent = Object.values((input.RequestItems ?? {}) as Record<string, { ConsistentRead?: boolean }>).some((t) => t.ConsistentRead === true);
    for (const i of items) {
      const bytes = itemSize(i);
      meter.bytesRead += bytes;
      meter.rcu += command.startsWith('TransactGet') ? 2 * readUnits(bytes, true) : readUnits(bytes, batchConsistent);
    }
    meter.itemsRead += items.length;
  } else if (['Put', 'PutItem', 'Update', 'UpdateItem', 'Delete', 'DeleteItem'].includes(command)) {
    const bytes = input.Item ? itemSize(input.Item) : 1024;
    meter.itemsWritten++;
    meter.bytesWritten += input.Item ? bytes : 0;
    meter.wcu += writeUnits(bytes);
    if (input.Item) meter.gsiWcu += indexUnits(input.Item, bytes);
  } else if (command === 'TransactWrite' || command === 'TransactWriteItems') {
    for (const t of input.TransactItems ?? []) {
      const item = t.Put?.Item;
      const bytes = item ? itemSize(item) : 1024;
      meter.itemsWritten++;
      meter.bytesWritten += item ? bytes : 0;
      meter.wcu += 2 * writeUnits(bytes);
      if (item) meter.gsiWcu += indexUnits(item, bytes);
    }
  } else if (command === 'BatchWrite' || command === 'BatchWriteItem') {
    for (const reqs of Object.values(input.RequestItems ?? {})) {
      for (const r of reqs as { PutRequest?: { Item: Record<string, unknown> } }[]) {
        const item = r.PutRequest?.Item;
        const bytes = item ? itemSize(item) : 1024;
        meter.itemsWritten++;
        meter.bytesWritten += item ? bytes : 0;
        meter.wcu += writeUnits(bytes);
        if (item) meter.gsiWcu += indexUnits(item, bytes);
      }
    }
  }
  const reported = ([] as Capacity[]).concat((output.ConsumedCapacity as Capacity | Capacity[] | undefined) ?? []);
  for (const c of reported) {
    const read = c.ReadCapacityUnits ?? (command.match(/Get|Query|Scan/) ? c.CapacityUnits : undefined);
    const write = c.WriteCapacityUnits ?? (command.match(/Put|Update|Delete|Write/) ? c.CapacityUnits : undefined);
    if (read !== undefined) meter.reportedRcu = (meter.reportedRcu ?? 0) + read;
    if (write !== undefined) meter.reportedWcu = (meter.reportedWcu ?? 0) + write;
  }
}

let meters = 0;

/** Meters every request `client` sends while `run` runs — all of them, so meter calls that run side by side as one. */
export async function metered<T>(client: DynamoDBDocumentClient, run: () => Promise<T>): Promise<{ result: T; meter: Meter }> {
  const meter = emptyMeter();
  const NAME = `benchCapacityMeter${++meters}`;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Input;
      input.ReturnConsumedCapacity ??= 'TOTAL';
      const out = await next(args);
      account(meter, (context.commandName ?? 'unknown').replace(/Command$/, ''), input, out.output as Output);
      return out;
    },
    { step: 'initialize', name: NAME },
  );
  try {
    return { result: await run(), meter };
  } finally {
    client.middlewareStack.remove(NAME);
  }
}

/** One line: requests by command, items and KB, units computed and (when DynamoDB said) reported. */
export function meterLine(m: Meter): string {
  const reqs = Object.entries(m.requests).map(([k, v]) => `${k} ${v}`).join(', ');
  const reported = m.reportedRcu === undefined && m.reportedWcu === undefined ? 'not reported' : `reported ${(m.reportedRcu ?? 0).toFixed(1)} RCU / ${(m.reportedWcu ?? 0).toFixed(1)} WCU`;
  return `${reqs || 'no requests'}; read ${m.itemsRead} items ${(m.bytesRead / 1024).toFixed(1)} KB, wrote ${m.itemsWritten} items ${(m.bytesWritten / 1024).toFixed(1)} KB; computed ${m.rcu.toFixed(1)} RCU / ${m.wcu.toFixed(1)} WCU (+ ${m.gsiWcu.toFixed(1)} WCU index copies); ${reported}`;
}

/** Stored items and bytes per kind (the sort key's first segment, or the partition's when it has none) of `items`. */
export function storedByKind(items: Record<string, unknown>[]): Map<string, { items: number; bytes: number; indexBytes: number }> {
  const kinds = new Map<string, { items: number; bytes: number; indexBytes: number }>();
  for (const item of items) {
    const sk = String(item.sk ?? '');
    const pk = String(item.pk ?? '');
    // Audit entries are keyed by time; their chain heads by HEAD#.
    const kind = pk.startsWith('AUDIT#') ? (sk.startsWith('HEAD#') ? 'AUDIT HEAD' : 'AUDIT') : sk.split('#')[0] || pk.split('#')[0] || '?';
    const k = kinds.get(kind) ?? { items: 0, bytes: 0, indexBytes: 0 };
    const size = itemSize(item);
    k.items++;
    k.bytes += size;
    // Each index the item is keyed in holds a full copy (projection ALL).
    k.indexBytes += INDEX_KEYS.filter((key) => item[key] !== undefined).length * size;
    kinds.set(kind, k);
  }
  return kinds;
}

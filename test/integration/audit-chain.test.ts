// The audit hash chain on DynamoDB Local: entries written through commit verify clean; an entry edited
// in place, removed, rewritten with a fresh hash, a chain's last entry or its head removed: the check
// names each. Concurrent writers never fork a chain. Entries are filed by Beijing date (old ones, filed
// by UTC month, are still found). Search by user, unit, action and time range, paged.
import { spawnSync } from 'node:child_process';
import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEntity, hashOf, listAudit, searchAudit, verifyAudit, type AuditEntry } from '../../functions/data/audit.ts';
import { documentClient, tableName } from '../../functions/data/client.ts';
import { commit, put, type Actor } from '../../functions/data/commit.ts';
import { keys } from '../../functions/data/keys.ts';
import { AUDIT_SHARDS, hashedText } from '../../functions/domain/audit-chain.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import { useFreshTable } from '../helpers/table.ts';

const staff = (regionId: string, username = 'yl_staff', unitId = 'yl-jxb'): Actor => ({ username, role: 'bureau_staff', regionId, unitId });
/** 2026-12-03 10:00 Beijing, plus `s` seconds. */
const at = (s = 0) => new Date(Date.parse('2026-12-03T02:00:00.000Z') + s * 1000).toISOString();
const DAY = '2026-12-03';

/** Every entry of a region's day, through the search (newest first), all pages. */
async function entriesOf(regionId: string, from = DAY, to = DAY): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchAudit({ regionId, from, to, limit: 100, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

beforeAll(async () => {
  await useFreshTable();
});

describe('the chain as written by commit', () => {
  it('links every entry of a chain to the one before, with a head at its end, and verifies clean', async () => {
    const R = '990001';
    for (let i = 0; i < 40; i++) await commit(staff(R), { action: 'unit.update', target: `unit:${R}/u${i}`, before: { name: `旧${i}` }, after: { name: `新${i}`, list: [1, undefined, 'x'] } }, [put({ pk: `TEST#${R}`, sk: `ITEM#${i}` })], at(i));
    const entries = await entriesOf(R);
    expect(entries).toHaveLength(40);
    const chains = new Map<string, AuditEntry[]>();
    for (const e of entries) chains.set(e.chain!, [...(chains.get(e.chain!) ?? []), e]);
    expect(chains.size).toBeGreaterThan(1);
    for (const [chain, list] of chains) {
      expect(chain.startsWith(`${DAY}#`)).toBe(true);
      const bySeq = list.sort((a, b) => a.seq! - b.seq!);
      expect(bySeq.map((e) => e.seq)).toEqual(bySeq.map((_, i) => i + 1));
      bySeq.forEach((e, i) => {
        expect(e.prevId).toBe(i === 0 ? '' : bySeq[i - 1]!.id);
        expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : bySeq[i - 1]!.hash);
        expect(e.hash).toBe(hashOf(hashedText(e)));
      });
    }
    // The undefined inside the change was stored as JSON stores it.
    expect(entries[0]!.after).toMatchObject({ list: [1, null, 'x'] });
    const report = await verifyAudit(R, DAY, DAY);
    expect(report).toMatchObject({ checked: 40, chains: chains.size, unchained: 0, breaks: [] });
  });

  it('lets concurrent writers append without forking a chain, each shard on its own', async () => {
    const R = '990002';
    const results = await Promise.allSettled(Array.from({ length: 64 }, (_, i) => commit(staff(R, `user${i % 5}`), { action: 'login.failed', target: `user:u${i}` }, [], at(i % 3))));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const entries = await entriesOf(R);
    expect(entries).toHaveLength(64);
    const shards = new Set(entries.map((e) => e.chain));
    expect(shards.size).toBe(AUDIT_SHARDS);
    for (const chain of shards) {
      const seqs = entries.filter((e) => e.chain === chain).map((e) => e.seq!).sort((a, b) => a - b);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    expect((await verifyAudit(R, DAY, DAY)).breaks).toEqual([]);
  });

  it('still refuses the change itself with 409 when its own condition fails, writing no entry', async () => {
    const R = '990003';
    await commit(staff(R), { action: 'unit.create', target: 'unit:x' }, [put({ pk: `TEST#${R}`, sk: 'ONE' }, 'attribute_not_exists(pk)')], at());
    await expect(commit(staff(R), { action: 'unit.create', target: 'unit:x' }, [put({ pk: `TEST#${R}`, sk: 'ONE' }, 'attribute_not_exists(pk)')], at(1))).rejects.toThrow('数据已被他人修改');
    expect(await entriesOf(R)).toHaveLength(1);
    expect((await verifyAudit(R, DAY, DAY)).breaks).toEqual([]);
  });
});

describe('tampering in the table is named by the check', () => {
  const R = '990010';
  let byChain: Map<string, AuditEntry[]>;

  beforeAll(async () => {
    for (let i = 0; i < 48; i++) await commit(staff(R), { action: 'user.update', target: `user:p${i}`, after: { n: i } }, [], at(i));
    byChain = new Map();
    for (const e of await entriesOf(R)) byChain.set(e.chain!, [...(byChain.get(e.chain!) ?? []), e].sort((a, b) => a.seq! - b.seq!));
  });
  /** The chains with at least 4 entries, longest first: each test tampers with a chain of its own. */
  const chain = (n: number) => [...byChain.values()].filter((l) => l.length >= 4).sort((a, b) => b.length - a.length)[n]!;

  it('names an entry edited in place (UpdateItem) and one removed (DeleteItem), first broken link first', async () => {
    const edited = chain(0)[1]!;
    const removed = chain(1)[2]!;
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.audit(R, edited.at, edited.id), UpdateExpression: 'SET actor = :m', ExpressionAttributeValues: { ':m': 'mallory' } }));
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.audit(R, removed.at, removed.id) }));
    const { breaks } = await verifyAudit(R, DAY, DAY);
    expect(breaks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'altered', entryId: edited.id, at: edited.at, seq: 2 }),
        expect.objectContaining({ kind: 'missing', entryId: removed.id, seq: 3 }),
      ]),
    );
    expect(breaks).toHaveLength(2);
    // Earliest first: the edited entry was written before the removed one's successor.
    const next = chain(1)[3]!;
    expect(breaks.map((b) => b.entryId)).toEqual(edited.at < next.at ? [edited.id, removed.id] : [removed.id, edited.id]);
    expect(breaks.find((b) => b.kind === 'altered')!.message).toContain(edited.id);
    expect(breaks.find((b) => b.kind === 'missing')!.message).toContain(removed.id);
  });

  it('names an entry rewritten with a fresh hash (a Put over it, as a transaction would let through)', async () => {
    const victim = chain(2)[1]!;
    const forged = { ...victim, actor: 'mallory' };
    forged.hash = hashOf(hashedText(forged));
    await documentClient().send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: tableName(), Item: auditEntity.item(forged) } }] }));
    const { breaks } = await verifyAudit(R, DAY, DAY);
    expect(breaks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'replaced', entryId: victim.id, chain: victim.chain })]));
  });

  it('names the last entry of a chain removed (the head still counts it), and a removed head', async () => {
    const tail = chain(3).at(-1)!;
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.audit(R, tail.at, tail.id) }));
    const headless = chain(4);
    const [date, shard] = headless[0]!.chain!.split('#') as [string, string];
    await documentClient().send(new DeleteCommand({ TableName: tableName(), Key: keys.auditHead(R, date, Number(shard)) }));
    const { breaks } = await verifyAudit(R, DAY, DAY);
    expect(breaks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'tailMissing', entryId: tail.id, seq: tail.seq }),
        expect.objectContaining({ kind: 'headMissing', entryId: headless.at(-1)!.id }),
      ]),
    );
  });

  it('npm run audit:verify names the same breaks, first broken link first, and exits 1', async () => {
    const { breaks } = await verifyAudit(R, DAY, DAY);
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'cdk/local/audit-verify.ts', '--region', R, '--from', DAY, '--to', DAY, '--lang', 'en'], { env: { ...process.env }, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain(`FIRST BROKEN LINK`);
    expect(run.stdout.split('FIRST BROKEN LINK')[1]!.split('\n')[0]).toContain(breaks[0]!.entryId);
    for (const b of breaks) expect(run.stdout).toContain(b.entryId);
    const clean = spawnSync(process.execPath, ['--import', 'tsx', 'cdk/local/audit-verify.ts', '--region', '990001', '--from', DAY, '--to', DAY], { env: { ...process.env }, encoding: 'utf8' });
    expect(clean.status, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('40 entries');
  });

  it('names an attribute added by hand, which a parsed record would not show', async () => {
    const victim = chain(0)[2]!;
    await documentClient().send(new UpdateCommand({ TableName: tableName(), Key: keys.audit(R, victim.at, victim.id), UpdateExpression: 'SET note = :n', ExpressionAttributeValues: { ':n': 'x' } }));
    expect((await verifyAudit(R, DAY, DAY)).breaks).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'altered', entryId: victim.id })]));
  });
});

describe('filing by Beijing date', () => {
  const R = '990020';
  it('files an entry made at 01:00 Beijing on the 1st in that month, and still finds one filed by UTC month before', async () => {
    const early = '2026-11-30T17:00:00.000Z'; // 2026-12-01 01:00 Beijing
    await commit(staff(R), { action: 'cycle.create', target: 'cycle:new' }, [], early);
    const [entry] = (await listAudit(R, '2026-12', 10)).items;
    expect(entry).toMatchObject({ at: early, chain: '2026-12-01#' + entry!.chain!.slice(-1) });
    expect(keys.audit(R, early, entry!.id).pk).toBe(`AUDIT#${R}#2026-12`);
    expect((await listAudit(R, '2026-11', 10)).items).toEqual([]);

    // Written before the chain: filed under the UTC month, no chain fields.
    const legacyAt = '2026-11-30T18:30:00.000Z'; // 2026-12-01 02:30 Beijing
    await documentClient().send(new PutCommand({ TableName: tableName(), Item: { pk: `AUDIT#${R}#2026-11`, sk: `${legacyAt}#old-1`, entity: 'audit', id: 'old-1', regionId: R, at: legacyAt, actor: 'yl_staff', role: 'bureau_staff', action: 'unit.update', target: 'unit:old' } }));
    // Found too (after the month's own partition: newest first holds within each partition).
    expect((await listAudit(R, '2026-12', 10)).items.map((e) => e.id)).toEqual([entry!.id, 'old-1']);
    expect((await searchAudit({ regionId: R, from: '2026-12-01', to: '2026-12-01', limit: 10 })).items).toHaveLength(2);
    expect(await verifyAudit(R, '2026-12-01', '2026-12-01')).toMatchObject({ checked: 1, unchained: 1, breaks: [] });
  });
});

describe('search', () => {
  const R = '990030';
  beforeAll(async () => {
    const days = ['2026-11-28T03:00:00.000Z', '2026-12-01T03:00:00.000Z', '2026-12-03T03:00:00.000Z'];
    for (const [d, day] of days.entries()) {
      for (let i = 0; i < 10; i++) {
        const who = i % 2 ? staff(R, 'yl_leader', 'yl-jxb') : staff(R, 'yuzhou_staff', 'yl-yuzhou');
        await commit(who, { action: i % 3 ? 'user.update' : 'unit.rename', target: `t${d}-${i}` }, [], new Date(Date.parse(day) + i * 60_000).toISOString());
      }
    }
  });

  it('filters by user, unit, action (or its start) and time range, newest first', async () => {
    const all = await entriesOf(R, '2026-11-01', '2026-12-31');
    expect(all).toHaveLength(30);
    expect(all.map((e) => e.at)).toEqual([...all.map((e) => e.at)].sort().reverse());
    const q = (extra: object) => entriesOfQuery({ regionId: R, from: '2026-11-01', to: '2026-12-31', ...extra });
    expect(await q({ actor: 'yl_leader' })).toHaveLength(15);
    expect(await q({ unitId: 'yl-yuzhou' })).toHaveLength(15);
    expect((await q({ action: 'unit.' })).every((e) => e.action === 'unit.rename')).toBe(true);
    expect(await q({ action: 'unit.' })).toHaveLength(12);
    expect(await q({ actor: 'yl_leader', action: 'user.update', from: '2026-12-01', to: '2026-12-01' })).toHaveLength(3);
    expect(await q({ from: '2026-11-29', to: '2026-12-02' })).toHaveLength(10);
  });

  it('pages across month partitions with a cursor bound to its search', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await searchAudit({ regionId: R, from: '2026-11-01', to: '2026-12-31', actor: 'yuzhou_staff', limit: 4, cursor });
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(seen).size).toBe(15);
    const first = await searchAudit({ regionId: R, from: '2026-11-01', to: '2026-12-31', limit: 4 });
    await expect(searchAudit({ regionId: R, from: '2026-11-01', to: '2026-12-31', actor: 'yl_leader', limit: 4, cursor: first.nextCursor })).rejects.toBeInstanceOf(ValidationError);
    await expect(searchAudit({ regionId: '990031', from: '2026-11-01', to: '2026-12-31', limit: 4, cursor: first.nextCursor })).rejects.toBeInstanceOf(ValidationError);
    await expect(searchAudit({ regionId: R, from: '2026-11-01', to: '2026-12-31', limit: 4, cursor: 'abc' })).rejects.toBeInstanceOf(ValidationError);
  });
});

async function entriesOfQuery(s: { regionId: string; from: string; to: string; actor?: string; unitId?: string; action?: string }): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await searchAudit({ ...s, limit: 7, cursor });
    all.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return all;
}

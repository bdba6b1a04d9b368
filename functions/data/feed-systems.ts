// Feeding systems (model/feed-system.ts): one item per key under its public id (keys.feedSystem), on
// gsi1 under the region for the bureau's list. Registering, revoking and rotating are commits with
// their audit entries; the stored hash never leaves this layer's callers' answers (contracts/feed.ts).
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { feedSystemRecord, type FeedSystemRecord } from '../model/feed-system.ts';
import { documentClient, tableName } from './client.ts';
import { commit, put, update, type Actor } from './commit.ts';
import { entity } from './entity.ts';
import { keys } from './keys.ts';
import { queryPage } from './query.ts';

export const feedSystemEntity = entity('feedSystem', feedSystemRecord, (s) => keys.feedSystem(s.systemId));
export const feedSystemItem = (s: FeedSystemRecord) => feedSystemEntity.item(s, keys.feedSystemList(s.regionId, s.createdAt, s.systemId));

/** A system by its key's id (consistent: a revocation holds from the next call on). */
export async function getFeedSystem(systemId: string): Promise<FeedSystemRecord | undefined> {
  const { Item } = await documentClient().send(new GetCommand({ TableName: tableName(), Key: keys.feedSystem(systemId), ConsistentRead: true }));
  return Item ? feedSystemEntity.parse(Item) : undefined;
}

/** A page of the region's systems, newest first: one Query of gsi1. */
export async function listFeedSystems(regionId: string, limit: number, cursor?: string): Promise<{ items: FeedSystemRecord[]; nextCursor?: string }> {
  const page = await queryPage({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': keys.feedSystemsPartition(regionId) }, ScanIndexForward: false }, limit, cursor);
  return { items: page.items.map(feedSystemEntity.parse), nextCursor: page.nextCursor };
}

/** What the audit keeps of a system: everything but the hash. */
export const auditedSystem = ({ keyHash: _hash, ...rest }: FeedSystemRecord) => rest;

export async function registerFeedSystem(actor: Actor, system: FeedSystemRecord, at: string): Promise<void> {
  await commit(actor, { action: 'feed.system.create', target: `feed:${system.regionId}/${system.systemId}`, after: auditedSystem(system) }, [put(feedSystemItem(system), 'attribute_not_exists(pk)')], at);
}

const revokeItem = (s: FeedSystemRecord, actor: Actor, at: string, rotatedTo?: string) =>
  update(
    keys.feedSystem(s.systemId),
    `SET #status = :revoked, revokedAt = :at, revokedBy = :by, version = version + :one${rotatedTo ? ', rotatedTo = :to' : ''}`,
    { ':revoked': 'revoked', ':active': 'active', ':at': at, ':by': actor.username, ':one': 1, ':v': s.version, ...(rotatedTo ? { ':to': rotatedTo } : {}) },
    '#status = :active AND version = :v',
    { '#status': 'status' },
  );

/** Revokes a key: version-checked, and only an active one (409 otherwise). */
export async function revokeFeedSystem(actor: Actor, system: FeedSystemRecord, at: string): Promise<void> {
  await commit(actor, { action: 'feed.system.revoke', target: `feed:${system.regionId}/${system.systemId}`, before: auditedSystem(system) }, [revokeItem(system, actor, at)], at);
}

/** Rotation: the old key revoked and the new one registered with the same grants, in one transaction. */
export async function rotateFeedSystem(actor: Actor, old: FeedSystemRecord, next: FeedSystemRecord, at: string): Promise<void> {
  await commit(
    actor,
    { action: 'feed.system.rotate', target: `feed:${old.regionId}/${old.systemId}`, before: auditedSystem(old), after: auditedSystem(next) },
    [revokeItem(old, actor, at, next.systemId), put(feedSystemItem(next), 'attribute_not_exists(pk)')],
    at,
  );
}

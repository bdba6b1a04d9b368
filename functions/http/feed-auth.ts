// The feed routes' authentication (contracts/define.ts `key: 'feed'`): no token reaches them, so the
// chain checks the feeding system's key here before it reads anything else. A missing, malformed,
// unknown or revoked key, or a wrong secret, is 401; a key of another region or cycle than the path
// names is 403. Refusals of a known system are audited in its region (the key's id names it); a key
// whose id names no system has no region to be filed under, so it is logged only.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { nowIso } from '../config/clock.ts';
import { t } from '../contracts/lang.ts';
import { commit, type Actor } from '../data/commit.ts';
import { getFeedSystem } from '../data/feed-systems.ts';
import { DomainError, ForbiddenError } from '../domain/errors.ts';
import { feedSecretMatches, parseFeedKey } from '../identity/feed-keys.ts';
import { purposeOf, type FeedSystemRecord, type KeyPurpose } from '../model/feed-system.ts';
import { logger } from '../observability/logger.ts';

export const FEED_KEY_HEADER = 'x-feed-key';

/** Who a fed write or refusal is recorded as: the system, by its id, in its region. */
export const feedActor = (s: Pick<FeedSystemRecord, 'systemId' | 'regionId'>): Actor => ({ username: `feed:${s.systemId}`, role: 'feed_system', regionId: s.regionId });

/** Records a refused feed call in the system's region (never turning the refusal into a 500). */
export async function auditFeedRefusal(system: Pick<FeedSystemRecord, 'systemId' | 'regionId'>, target: string, after: Record<string, unknown>): Promise<void> {
  logger.warn('feed refused', { target, systemId: system.systemId, ...after });
  try {
    await commit(feedActor(system), { action: 'access.refused', target, after }, [], nowIso());
  } catch (e) {
    logger.error('feed refusal not audited', { target, error: e as Error });
  }
}

const unauthenticated = () => new DomainError(401, 'UNAUTHENTICATED', t('数据接口密钥无效或已吊销', 'The feed key is not valid or has been revoked'));

function headerOf(event: Partial<APIGatewayProxyEventV2>): string | undefined {
  const headers = event.headers ?? {};
  const found = Object.keys(headers).find((k) => k.toLowerCase() === FEED_KEY_HEADER);
  return found ? headers[found] : undefined;
}

/** The feeding system a call's key names, checked against the path's region and cycle. */
export async function feedSystemFrom(event: Partial<APIGatewayProxyEventV2>, routeKey: string, params: Record<string, string>, purpose: KeyPurpose = 'feed'): Promise<FeedSystemRecord> {
  const parsed = parseFeedKey(headerOf(event));
  if (!parsed) {
    logger.warn('feed refused', { target: routeKey, reason: 'no key' });
    throw unauthenticated();
  }
  const system = await getFeedSystem(parsed.id);
  if (!system) {
    logger.warn('feed refused', { target: routeKey, reason: 'unknown key', systemId: parsed.id });
    throw unauthenticated();
  }
  if (!feedSecretMatches(parsed.secret, system.keyHash)) {
    await auditFeedRefusal(system, routeKey, { reason: 'key', params });
    throw unauthenticated();
  }
  if (system.status !== 'active') {
    await auditFeedRefusal(system, routeKey, { reason: 'revoked', params });
    throw unauthenticated();
  }
  // A feed key never reads results, a results key never feeds values.
  if (purposeOf(system) !== purpose) {
    await auditFeedRefusal(system, routeKey, { reason: 'purpose', purpose: purposeOf(system), params });
    throw new ForbiddenError(t(purpose === 'results' ? '数据报送密钥不能读取考评结果' : '结果使用密钥不能报送指标数据', purpose === 'results' ? 'A feed key cannot read results' : 'A results key cannot feed indicator values'));
  }
  if (params.regionId !== system.regionId || params.cycleId !== system.cycleId) {
    await auditFeedRefusal(system, routeKey, { reason: 'region', params });
    throw new ForbiddenError(t('该密钥只能报送其登记的行政区域和考评周期的数据', 'This key feeds only the region and cycle it was registered for'));
  }
  return system;
}

// Demo feeding systems of 玉林市 2026 (数据接口): the statistics bureau's data platform, granted 地区生产总值增长
// (1.1 of the counties' plan) for the seven counties, and the finance bureau's budget system whose first key was
// replaced (the old one revoked, the new one active). Their keys are made here and thrown away, as a real key is
// shown once to whoever registers it: to try the feed locally, the bureau replaces a key (更换密钥) and copies it.
import { feedSystemItem } from '../../functions/data/feed-systems.ts';
import { newFeedKey, newFeedSystemId } from '../../functions/identity/feed-keys.ts';
import type { FeedSystemRecord } from '../../functions/model/feed-system.ts';
import { units, YULIN } from './demo-data.ts';

export function demoFeedSystemItems(at: string): Record<string, unknown>[] {
  const counties = units.filter((u) => u.regionId === YULIN && u.type === 'county').map((u) => u.unitId);
  // c1 is 县（市、区） in the demo categories (cdk/local/seed-categories.ts), its plan the counties' (seed-plan.ts).
  const indicator = (indicatorId: string, indicatorName: string) => ({ categoryId: 'c1', categoryName: '县（市、区）', indicatorId, indicatorName });
  const system = (name: string, indicators: FeedSystemRecord['indicators'], extra: Partial<FeedSystemRecord> = {}): FeedSystemRecord => {
    const systemId = newFeedSystemId();
    return { regionId: YULIN, systemId, name, cycleId: '2026', indicators, unitIds: counties, keyHash: newFeedKey(systemId).hash, status: 'active', createdAt: at, createdBy: 'yl_staff', fedCount: 0, version: 1, ...extra };
  };
  const statistics = system('市统计局统计数据平台', [indicator('1.1', '地区生产总值增长')]);
  const replaced = system('市财政局预算管理一体化系统', [indicator('1.2', '一般公共预算收入')], { createdAt: '2026-03-02T01:00:00.000Z' });
  const finance = system('市财政局预算管理一体化系统', [indicator('1.2', '一般公共预算收入')], { rotatedFrom: replaced.systemId });
  const revoked: FeedSystemRecord = { ...replaced, status: 'revoked', revokedAt: at, revokedBy: 'yl_staff', rotatedTo: finance.systemId, version: 2 };
  return [statistics, revoked, finance].map(feedSystemItem);
}

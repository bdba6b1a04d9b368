// 数据接口: the bureau's feeding systems (other systems that feed indicator values with their own key).
import { feedSystemRoutes, type CreateFeedSystemBody } from '@shared/contracts/feed.ts';
import { call } from './call';

export type { CreateFeedSystemBody, FeedSystemView, NewKeyView } from '@shared/contracts/feed.ts';

/** 本区域的数据接口（新登记的在前，分页） */
export const listFeedSystemsApi = (regionId: string, cursor?: string) => call(feedSystemRoutes.listFeedSystems, { params: { regionId }, query: { limit: 20, cursor } });

/** 登记接入系统：答复中含密钥，只此一次（错误由对话框显示） */
export const createFeedSystemApi = (regionId: string, body: CreateFeedSystemBody) => call(feedSystemRoutes.createFeedSystem, { params: { regionId }, body }, { silent: true });

/** 吊销密钥 */
export const revokeFeedSystemApi = (regionId: string, systemId: string, version: number) => call(feedSystemRoutes.revokeFeedSystem, { params: { regionId, systemId }, body: { version } });

/** 更换密钥：旧密钥吊销，以相同授权生成新密钥（只显示一次） */
export const rotateFeedSystemApi = (regionId: string, systemId: string, version: number) => call(feedSystemRoutes.rotateFeedSystem, { params: { regionId, systemId }, body: { version } });

// The signed-in person: their profile and their unit's inbox (the audit log's routes: audit.ts).
import { ROLES } from '../domain/roles.ts';
import { noticeRecord } from '../model/region.ts';
import { everyone } from './access.ts';
import { noParams, page, pageQuery, route } from './define.ts';
import { regionPath } from './paths.ts';
import { z } from './zod.ts';

export const me = z.object({
  username: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  regionId: z.string(),
  unitId: z.string(),
  roleName: z.string(),
  regionName: z.string().optional(),
  unitName: z.string().optional(),
});

export const logoutBody = z.object({
  /** End every session of the account ("sign out everywhere"), not only this one. */
  everywhere: z.boolean().default(false),
});

export const accountRoutes = {
  me: route({ method: 'GET', path: '/me', group: 'account', access: everyone('self'), params: noParams, output: me, summary: '当前用户' }),
  /** Sign-out for every issuer (the local one also has /auth/logout): the session ends on the server at once. */
  logout: route({ method: 'POST', path: '/me/logout', group: 'account', access: everyone('self'), params: noParams, body: logoutBody, output: z.object({ ended: z.boolean() }), summary: '退出登录（在服务端结束本次会话或全部会话）' }),
  listNotices: route({ method: 'GET', path: '/regions/{regionId}/notices', group: 'account', access: everyone('region'), params: regionPath, query: pageQuery, output: page(noticeRecord.omit({ regionId: true, unitId: true })), summary: '本单位的站内消息' }),
};

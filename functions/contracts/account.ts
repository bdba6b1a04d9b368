// The signed-in person: their profile, their unit's inbox and (for the bureau) the audit log.
import { ROLES } from '../domain/roles.ts';
import { auditRecord, noticeRecord } from '../model/region.ts';
import { auditReaders, everyone } from './access.ts';
import { noParams, page, pageQuery, route } from './define.ts';
import { regionPath } from './paths.ts';
import { t } from './lang.ts';
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

export const auditQuery = pageQuery.extend({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: () => t('月份格式应为 YYYY-MM', 'Months are written YYYY-MM') }),
});

export const accountRoutes = {
  me: route({ method: 'GET', path: '/me', group: 'account', access: everyone('self'), params: noParams, output: me, summary: '当前用户' }),
  listNotices: route({ method: 'GET', path: '/regions/{regionId}/notices', group: 'account', access: everyone('region'), params: regionPath, query: pageQuery, output: page(noticeRecord.omit({ regionId: true, unitId: true })), summary: '本单位的站内消息' }),
  listAudit: route({ method: 'GET', path: '/regions/{regionId}/audit', group: 'account', access: auditReaders, params: regionPath, query: auditQuery, output: page(auditRecord), summary: '操作日志' }),
};

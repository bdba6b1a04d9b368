// The signed-in user: profile, inbox and (for the bureau) the audit log.
import { listAudit } from '../../data/audit.ts';
import { listNotices } from '../../data/notifications.ts';
import { getRegion, getUnit } from '../../data/regions.ts';
import { ROLE_NAMES } from '../../domain/roles.ts';
import { apiHandler } from '../../http/chain.ts';

export const handler = apiHandler('account', {
  me: async ({ caller }) => {
    const [region, unit] = await Promise.all([getRegion(caller.regionId), getUnit(caller.regionId, caller.unitId)]);
    return { ...caller, roleName: ROLE_NAMES[caller.role], regionName: region?.name, unitName: unit?.name };
  },
  listNotices: async ({ caller, query }) => listNotices(caller.regionId, caller.unitId, query.limit, query.cursor),
  listAudit: async ({ caller, query }) => listAudit(caller.regionId, query.month, query.limit, query.cursor),
});

// The signed-in user: profile and inbox; and, for the audit readers, the audit log and its check.
import { searchAudit, verifyAudit } from '../../data/audit.ts';
import { listNotices } from '../../data/notifications.ts';
import { endSession } from '../../data/sessions.ts';
import { endAllSessions, getUser } from '../../data/users.ts';
import { getRegion, getUnit } from '../../data/regions.ts';
import { nowIso } from '../../config/clock.ts';
import { beijingDate } from '../../domain/dates.ts';
import { ROLE_NAMES } from '../../domain/roles.ts';
import { apiHandler } from '../../http/chain.ts';

/** The dates a search or check covers: both given, or a month, or the current Beijing month up to today. */
function rangeOf(q: { month?: string; from?: string; to?: string }): { from: string; to: string } {
  if (q.month) {
    const [y, m] = q.month.split('-').map(Number) as [number, number];
    return { from: `${q.month}-01`, to: `${q.month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}` };
  }
  const today = beijingDate(Date.parse(nowIso()));
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  return { from: q.from ?? `${to.slice(0, 8)}01`, to };
}

export const handler = apiHandler('account', {
  me: async ({ caller }) => {
    const [region, unit] = await Promise.all([getRegion(caller.regionId), getUnit(caller.regionId, caller.unitId)]);
    return { ...caller, roleName: ROLE_NAMES[caller.role], regionName: region?.name, unitName: unit?.name };
  },
  logout: async ({ caller, claims, body }) => {
    const user = await getUser(caller.username);
    if (!user) return { ended: false };
    if (body.everywhere) {
      await endAllSessions(caller, caller.username, nowIso());
      return { ended: true };
    }
    return { ended: await endSession(user, claims, nowIso()) };
  },
  listNotices: async ({ caller, query }) => listNotices(caller.regionId, caller.unitId, query.limit, query.cursor),
  listAudit: async ({ caller, query }) => searchAudit({ regionId: caller.regionId, ...rangeOf(query), actor: query.actor, unitId: query.unitId, action: query.action, limit: query.limit, cursor: query.cursor }),
  verifyAudit: async ({ caller, query }) => {
    const { from, to } = rangeOf(query);
    return verifyAudit(caller.regionId, from, to);
  },
});

// The unit scopes of the route table, checked after the role: which units' items a caller reaches.
// Bureau roles reach every unit of their region; the others only what their scope names.
import type { Scope } from '../contracts/define.ts';
import { t } from '../contracts/lang.ts';
import { loadReach } from '../data/reach.ts';
import type { Reach } from '../domain/reach.ts';
import { BUREAU_ROLES, type Caller } from '../domain/roles.ts';

export type ScopeCheck = { refused: { reason: string; message: string } } | { refused?: undefined; reach?: Reach };

const isBureau = (c: Caller) => BUREAU_ROLES.includes(c.role);

export async function checkScope(scope: Scope, caller: Caller, params: Record<string, string>): Promise<ScopeCheck> {
  if (scope === 'self') return {};
  if (params.regionId !== caller.regionId) return { refused: { reason: 'region', message: t('无权访问其他行政区域的数据', 'You may not reach another region’s data') } };
  if (scope === 'region' || isBureau(caller)) return {};
  if (scope === 'ownUnit') {
    return params.unitId === caller.unitId ? {} : { refused: { reason: 'unit', message: t('只能访问本单位的数据', 'You may only reach your own unit’s data') } };
  }
  // assessorOf / thirdParty: what the plan in force assigns to the caller's unit in this cycle.
  if (!params.cycleId) throw new Error(`a ${scope} route needs {cycleId} in its path`);
  const reach = await loadReach(caller.regionId, params.cycleId, caller.unitId, scope === 'assessorOf' ? 'indicators' : 'surveys');
  const refused = {
    refused: {
      reason: scope,
      message: scope === 'assessorOf' ? t('该指标未分配给本单位考评', 'This indicator is not assigned to your unit') : t('该调查未委托本单位', 'This survey is not assigned to your unit'),
    },
  };
  if (params.unitId !== undefined) {
    const indicators = reach.get(params.unitId);
    if (!indicators) return refused;
    if (params.indicatorId !== undefined && !indicators.has(params.indicatorId)) return refused;
  }
  return { reach };
}

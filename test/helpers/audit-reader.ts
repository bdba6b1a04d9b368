// The audit log is the audit administrator's to read (三权分立, security.md M5): a test that checks
// what was audited reads it as the region's audit administrator, signed in once, on first use.
import { ApiClient } from './api-client.ts';

/** The demo audit administrator of each region. */
export const AUDITORS: Readonly<Record<string, string>> = { '450900': 'yl_auditor', '450981': 'bl_auditor' };

/** A client of the region's audit administrator (玉林市 unless named), signed in at the first call. */
export function auditReader(base: () => string): (regionId?: string) => Promise<ApiClient> {
  const clients = new Map<string, Promise<ApiClient>>();
  return (regionId = '450900') => {
    let client = clients.get(regionId);
    if (!client) clients.set(regionId, (client = ApiClient.login(base(), AUDITORS[regionId]!)));
    return client;
  };
}

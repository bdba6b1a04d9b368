// Every key string of the single table is built here and nowhere else.
// Access patterns (each one Query or GetItem, no Scan):
//   region by id ............ GetItem  pk=REGION#r  sk=REGION
//   all regions ............. Query    gsi1 gsi1pk=REGIONS
//   units of a region ....... Query    pk=REGION#r  sk begins_with UNIT#
//   cycles of a region ...... Query    pk=REGION#r  sk begins_with CYCLE#   (cycles and their stages)
//   one cycle with stages ... Query    pk=REGION#r  sk begins_with CYCLE#c
//   open cycles (all) ....... Query    gsi1 gsi1pk=OPEN_CYCLES               (sparse: removed on close)
//   user by name ............ GetItem  pk=USER#name sk=USER
//   users of a region ....... Query    gsi1 gsi1pk=USERS#r
//   audit of a region/month . Query    pk=AUDIT#r#YYYY-MM (sk = time#id, newest last)
//   inbox of a unit ......... Query    pk=INBOX#r#u (sk = time#id)
//   calendar years of region  Query    pk=REGION#r  sk begins_with CALENDAR#   (one item per year)
//   unit-list revision ...... GetItem  pk=REGION#r  sk=UNITREV   (every unit write bumps it: names stay unique)
//   categories of a cycle ... GetItem  pk=REGION#r  sk=CATEGORIES#c  (the whole assignment with its unit snapshot)
//   plan of a category ...... Query    pk=REGION#r  sk begins_with PLAN#c#cat#  (one item per plan version,
//                             sk ends v0001, v0002…: newest = descending, Limit 1; a given version = GetItem)
//   demo seed marker ........ GetItem  pk=SEED sk=PART#name            (local stack only)
//   profile + one session ... BatchGet pk=USER#name sk=USER and sk=SESSION#h (consistent; h = hash of issuer and sid)
//   sign-in guard of a name . GetItem  pk=USER#name sk=SIGNIN   (lock bookkeeping of a username with no profile)
const pad2 = (n: number) => String(n).padStart(2, '0');

export const keys = {
  region: (regionId: string) => ({ pk: `REGION#${regionId}`, sk: 'REGION' }),
  regionList: (regionId: string) => ({ gsi1pk: 'REGIONS', gsi1sk: regionId }),
  unit: (regionId: string, unitId: string) => ({ pk: `REGION#${regionId}`, sk: `UNIT#${unitId}` }),
  unitPrefix: 'UNIT#',
  unitRevision: (regionId: string) => ({ pk: `REGION#${regionId}`, sk: 'UNITREV' }),
  categories: (regionId: string, cycleId: string) => ({ pk: `REGION#${regionId}`, sk: `CATEGORIES#${cycleId}` }),
  plan: (regionId: string, cycleId: string, categoryId: string, version: number) => ({
    pk: `REGION#${regionId}`,
    sk: `PLAN#${cycleId}#${categoryId}#v${String(version).padStart(4, '0')}`,
  }),
  /** Ends with `#`, so category c1 never prefixes c10. */
  planPrefix: (cycleId: string, categoryId: string) => `PLAN#${cycleId}#${categoryId}#`,
  cycle: (regionId: string, cycleId: string) => ({ pk: `REGION#${regionId}`, sk: `CYCLE#${cycleId}` }),
  cyclePrefix: 'CYCLE#',
  openCycle: (regionId: string, cycleId: string) => ({ gsi1pk: 'OPEN_CYCLES', gsi1sk: `${regionId}#${cycleId}` }),
  stage: (regionId: string, cycleId: string, index: number) => ({
    pk: `REGION#${regionId}`,
    sk: `CYCLE#${cycleId}#STAGE#${pad2(index)}`,
  }),
  regionPartition: (regionId: string) => `REGION#${regionId}`,
  user: (username: string) => ({ pk: `USER#${username}`, sk: 'USER' }),
  userList: (regionId: string, username: string) => ({ gsi1pk: `USERS#${regionId}`, gsi1sk: username }),
  audit: (regionId: string, at: string, id: string) => ({ pk: `AUDIT#${regionId}#${at.slice(0, 7)}`, sk: `${at}#${id}` }),
  auditPartition: (regionId: string, month: string) => `AUDIT#${regionId}#${month}`,
  inbox: (regionId: string, unitId: string, at: string, id: string) => ({
    pk: `INBOX#${regionId}#${unitId}`,
    sk: `${at}#${id}`,
  }),
  inboxPartition: (regionId: string, unitId: string) => `INBOX#${regionId}#${unitId}`,
  /** Local demo data: one marker per seeded part. */
  seedPart: (name: string) => ({ pk: 'SEED', sk: `PART#${name}` }),
  calendar: (regionId: string, year: number) => ({ pk: `REGION#${regionId}`, sk: `CALENDAR#${year}` }),
  calendarPrefix: 'CALENDAR#',
  /** A signed-in session of the account (functions/data/sessions.ts), next to its profile. */
  session: (username: string, sessionHash: string) => ({ pk: `USER#${username}`, sk: `SESSION#${sessionHash}` }),
  /** Sign-in failures and lock of a username that has no profile (functions/data/sign-in.ts). */
  signInGuard: (username: string) => ({ pk: `USER#${username}`, sk: 'SIGNIN' }),
};

/** Cycle ids are the cycle's year, so `CYCLE#2025` never prefixes another cycle's keys. */
export function cycleIdOf(year: number): string {
  return String(year);
}

// Seeds the demo data into an empty table, through the same write path (with audit) as the API.
import { calendarItem } from '../../functions/data/calendar.ts';
import { commit, put, type Actor } from '../../functions/data/commit.ts';
import { keys } from '../../functions/data/keys.ts';
import { getRegion, regionItem, unitItem } from '../../functions/data/regions.ts';
import { userItem } from '../../functions/data/users.ts';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { cycles, DEMO_PASSWORD, regions, units, users, YULIN } from './demo-data.ts';
import { demoCategoriesItem } from './seed-categories.ts';
import { hashPassword } from './token-issuer.ts';

const SEED: Actor = { username: 'system:seed', role: 'system', regionId: YULIN };

async function inChunks(items: Record<string, unknown>[], action: string, at: string) {
  for (let i = 0; i < items.length; i += 90) {
    await commit(SEED, { action, target: 'demo', after: { count: items.slice(i, i + 90).length } }, items.slice(i, i + 90).map((it) => put(it)), at);
  }
}

/** A cycle under way: stages before `current` done on their deadline, `current` open. */
function cycleItems(regionId: string, year: number, current: number, bureauUser: string) {
  const cycleId = String(year);
  const stages = defaultStageDates(year).map((s, i) => {
    const index = i + 1;
    const reached = index <= current;
    return {
      ...keys.stage(regionId, cycleId, index),
      entity: 'stage',
      ...s,
      index,
      regionId,
      cycleId,
      ...(reached ? { openedAt: `${s.opensOn}T01:00:00.000Z` } : {}),
      ...(index < current ? { doneAt: `${s.deadline}T08:30:00.000Z`, doneBy: bureauUser } : {}),
    };
  });
  const cycle = {
    ...keys.cycle(regionId, cycleId),
    ...keys.openCycle(regionId, cycleId),
    entity: 'cycle',
    regionId,
    cycleId,
    year,
    name: `${year}年度绩效考评`,
    currentStage: current,
    status: 'open',
    createdAt: `${year - 1}-11-20T02:00:00.000Z`,
    createdBy: bureauUser,
    version: current,
  };
  return [cycle, ...stages];
}

/** True when it seeded; an existing table is left as it is. */
export async function seedIfEmpty(at: string): Promise<boolean> {
  if (await getRegion(YULIN)) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await inChunks([...regions.map(regionItem), ...units.map(unitItem)], 'seed.organisation', at);
  await inChunks(users.map((u) => userItem({ ...u, passwordHash })), 'seed.users', at);
  for (const [regionId, year, current] of cycles) {
    const staff = users.find((u) => u.regionId === regionId && u.role === 'bureau_staff')!.username;
    await inChunks(cycleItems(regionId, year, current, staff), 'seed.cycle', at);
    await inChunks([demoCategoriesItem(regionId, String(year), staff, at)], 'seed.categories', at);
  }
  // Every region starts from the State Council's arrangements; its bureau may adjust them.
  const calendars = regions.flatMap((r) =>
    OFFICIAL_CALENDARS.map((c) => calendarItem({ ...c, regionId: r.regionId, version: 1, updatedAt: at, updatedBy: SEED.username })),
  );
  await inChunks(calendars, 'seed.calendar', at);
  return true;
}

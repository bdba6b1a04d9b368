// Seeds the demo data, part by part: each part's items written in bulk, then one audited commit
// naming the part and its count (the audit chain sees the seed like any other writer), and the
// part's marker. Bulk writes keep a fresh table (every test file, every `npm start`) quick to seed.
import { calendarItem } from '../../functions/data/calendar.ts';
import { commit, put, type Actor } from '../../functions/data/commit.ts';
import { keys } from '../../functions/data/keys.ts';
import { regionItem, unitItem } from '../../functions/data/regions.ts';
import { isSeedPartDone, seedPartItem } from '../../functions/data/seed-parts.ts';
import { userItem } from '../../functions/data/users.ts';
import { OFFICIAL_CALENDARS } from '../../functions/domain/calendar-data/index.ts';
import { defaultStageDates } from '../../functions/domain/stages.ts';
import { cycles, DEMO_PASSWORD, regions, units, users, YULIN } from './demo-data.ts';
import { demoCategoriesItem } from './seed-categories.ts';
import { demoClaims } from './seed-claims.ts';
import { demoFeedback } from './seed-feedback.ts';
import { demoFeedSystemItems } from './seed-feed.ts';
import { demoGoalItems } from './seed-goals.ts';
import { demoPlanItems } from './seed-plan.ts';
import { demoProgress, putDemoEvidence, seedToday } from './seed-progress.ts';
import { demoSelfAssessments } from './seed-self.ts';
import { demoScoreItems } from './seed-scores.ts';
import { demoWarningMonths } from './seed-warnings.ts';
import { demoPastWarningMonths } from './seed-warnings-2025.ts';
import { demoResultItems } from './seed-results.ts';
import { demoReviews, recomputeDemoCategories } from './seed-reviews.ts';
import { demoGradeDecisionItems } from './seed-grade-decisions.ts';
import { demoComplaintItems } from './seed-complaints.ts';
import { demoRectification } from './seed-rectification.ts';
import { demoNoticeItems } from './seed-notice.ts';
import { hashPassword } from '../../functions/identity/password.ts';
import { putAll } from './put-all.ts';

const SEED: Actor = { username: 'system:seed', role: 'system', regionId: YULIN };

async function inChunks(items: Record<string, unknown>[], action: string, at: string) {
  await putAll(items);
  await commit(SEED, { action, target: 'demo', after: { count: items.length } }, [], at);
}

/** A cycle under way: stages before `current` done on their deadline, `current` open. */
export function cycleItems(regionId: string, year: number, current: number, bureauUser: string) {
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

interface SeedPart {
  name: string;
  apply(at: string): Promise<void>;
}

/** The demo data in parts, so a table seeded by an older version gains the parts added since. */
const PARTS: SeedPart[] = [
  {
    name: 'organisation',
    apply: async (at) => {
      const passwordHash = await hashPassword(DEMO_PASSWORD);
      await inChunks([...regions.map(regionItem), ...units.map(unitItem)], 'seed.organisation', at);
      await inChunks(users.map((u) => userItem({ ...u, passwordHash, status: 'active', version: 1, createdAt: at, createdBy: SEED.username })), 'seed.users', at);
    },
  },
  {
    name: 'cycles',
    apply: async (at) => {
      for (const [regionId, year, current] of cycles) {
        await inChunks(cycleItems(regionId, year, current, bureauStaff(regionId)), 'seed.cycle', at);
      }
    },
  },
  {
    name: 'categories',
    apply: async (at) => {
      for (const [regionId, year] of cycles) {
        await inChunks([demoCategoriesItem(regionId, String(year), bureauStaff(regionId), at)], 'seed.categories', at);
      }
    },
  },
  {
    name: 'plans',
    apply: async (at) => {
      for (const [regionId, year] of cycles) await inChunks(demoPlanItems(regionId, String(year), bureauStaff(regionId), at), 'seed.plan', at);
    },
  },
  {
    name: 'goals',
    apply: async (at) => {
      await inChunks(demoGoalItems().flat(), 'seed.goals', at);
    },
  },
  {
    // Every region starts from the State Council's arrangements; its bureau may adjust them.
    name: 'calendar',
    apply: async (at) => {
      const calendars = regions.flatMap((r) =>
        OFFICIAL_CALENDARS.map((c) => calendarItem({ ...c, regionId: r.regionId, version: 1, updatedAt: at, updatedBy: SEED.username })),
      );
      await inChunks(calendars, 'seed.calendar', at);
    },
  },
  {
    // Feedback during the year in every state, for 2025 and 2026 (Art 14), with evidence files.
    name: 'feedback',
    apply: async (at) => {
      const { items, files } = demoFeedback(at);
      await inChunks(items, 'seed.feedback', at);
      await putDemoEvidence(files);
    },
  },
  {
    // 数据接口: feeding systems of 玉林市 2026, one key active, one replaced (revoked) by a new one.
    name: 'feed',
    apply: async (at) => inChunks(demoFeedSystemItems(at), 'seed.feed', at),
  },
  {
    // A year of progress reports for 2025 and the months so far of 2026, a few with evidence files.
    name: 'progress',
    apply: async (at) => {
      const { items, files } = demoProgress(seedToday(at));
      await inChunks(items, 'seed.progress', at);
      await putDemoEvidence(files);
    },
  },
  {
    // 2025's bonus and deduction items, decided (Art 19–20); 2026 has none yet.
    name: 'claims',
    apply: async (at) => {
      const { items, files } = demoClaims(at);
      await inChunks(items, 'seed.claims', at);
      await putDemoEvidence(files);
    },
  },
  {
    // 2025 scored by every assessor unit and the third party, submitted, two inputs corrected (Art 17–18).
    name: 'scores',
    apply: async (at) => inChunks(demoScoreItems(), 'seed.scores', at),
  },
  {
    // 2025's self-assessments of every 玉林市 unit, submitted and confirmed (Art 16); 2026 has none yet.
    name: 'self',
    apply: async (at) => {
      const { items, files } = demoSelfAssessments();
      await inChunks(items, 'seed.self', at);
      await putDemoEvidence(files);
    },
  },
  {
    // 2025's preliminary results computed and graded from the scores and claims above, one veto, every
    // category published (Art 21–22); after 'scores' and 'claims', whose items it reads back.
    name: 'results',
    apply: async (at) => inChunks(await demoResultItems(), 'seed.results', at),
  },
  {
    // 预警监测's trend: the month counters of 2026 so far, as the seeded reports left the goals at each
    // month's end (after 'goals' and 'progress'; cdk/local/seed-warnings.ts).
    name: 'warnings',
    apply: async (at) => inChunks(await demoWarningMonths(seedToday(at)), 'seed.warnings', at),
  },
  {
    // The same trend for the finished year 2025, shown beside 2026's (cdk/local/seed-warnings-2025.ts).
    name: 'warnings-2025',
    apply: async (at) => inChunks(await demoPastWarningMonths(seedToday(at)), 'seed.warnings_2025', at),
  },
  {
    // 2025's 复核 requests, decided within the window — some upheld, two adjusted — and the categories
    // they touched recomputed (Art 21; after 'results', before a confirmation freezes them).
    name: 'reviews',
    apply: async (at) => {
      const { items, files, categories } = await demoReviews();
      await inChunks(items, 'seed.reviews', at);
      await putDemoEvidence(files);
      await recomputeDemoCategories(SEED, categories);
    },
  },
  {
    // 2025's Art 23 raise (approved with its 文号) and every category confirmed by the leader (Art 22–23).
    // Keep it after 'results' and after 复核's part: reviews are decided before a confirmation.
    name: 'grade-decisions',
    apply: async (at) => inChunks(await demoGradeDecisionItems(), 'seed.grade_decisions', at),
  },
  {
    // Two complaints of 玉林市 about 2025 (Art 32): one answered, one open (cdk/local/seed-complaints.ts).
    name: 'complaints',
    apply: async (at) => inChunks(await demoComplaintItems(seedToday(at)), 'seed.complaints', at),
  },
  {
    // 2025's rectification plans in every state for three units, and two items carried into 2026 as draft
    // goals (Art 25–26; after 'grade-decisions', whose confirmed problems it reads; cdk/local/seed-rectification.ts).
    name: 'rectification',
    apply: async (at) => {
      const { items, files } = await demoRectification(seedToday(at));
      await inChunks(items, 'seed.rectification', at);
      await putDemoEvidence(files);
    },
  },
  {
    // 2025's results notice published (version 1), the counties' grassroots factor 1.20 and one results
    // consumer's key (Art 22, 27–29; after 'grade-decisions', whose confirmations it lists).
    name: 'notice',
    apply: async (at) => inChunks(await demoNoticeItems(), 'seed.notice', at),
  },
];

function bureauStaff(regionId: string): string {
  return users.find((u) => u.regionId === regionId && u.role === 'bureau_staff')!.username;
}

/** Applies the demo parts not applied yet (each leaves a marker); returns their names. */
export async function seedDemo(at: string): Promise<string[]> {
  const applied: string[] = [];
  for (const part of PARTS) {
    if (await isSeedPartDone(part.name)) continue;
    await part.apply(at);
    await commit(SEED, { action: 'seed.part', target: part.name }, [put(seedPartItem(part.name, at))], at);
    applied.push(part.name);
  }
  return applied;
}

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
//   audit of a region/month . Query    pk=AUDIT#r#YYYY-MM  (YYYY-MM the BEIJING month of the entry; sk = UTC time#id,
//                             so sk BETWEEN two instants is a time range; newest last)
//   audit search ............ Query    pk=AUDIT#r#M for each Beijing month M of the range, newest first, plus the
//                             month before it (entries written before the chain were filed by UTC month: those
//                             of the 1st 00:00–08:00 Beijing sit there), sk BETWEEN from and to as UTC instants,
//                             FilterExpression on actor / unitId / begins_with(action). No index: the filter
//                             costs the read of every entry in the range (1 RCU per 8 KB, eventually
//                             consistent), which an occasional search by the audit reader can afford, while an
//                             index per user would add a write to every audited write.
//   audit chain heads ....... Query    pk=AUDIT#r#YYYY-MM  sk BETWEEN HEAD#from AND HEAD#to#~   (one per Beijing
//                             date and shard; sk HEAD#… sorts after every time, so time ranges never meet it)
//   one chain head .......... GetItem  pk=AUDIT#r#YYYY-MM  sk=HEAD#YYYY-MM-DD#s   (functions/data/audit.ts)
//   inbox of a unit ......... Query    pk=INBOX#r#u (sk = time#id)
//   calendar years of region  Query    pk=REGION#r  sk begins_with CALENDAR#   (one item per year)
//   unit-list revision ...... GetItem  pk=REGION#r  sk=UNITREV   (every unit write bumps it: names stay unique)
//   categories of a cycle ... GetItem  pk=REGION#r  sk=CATEGORIES#c  (the whole assignment with its unit snapshot)
//   plan of a category ...... Query    pk=REGION#r  sk begins_with PLAN#c#cat#  (one item per plan version,
//                             sk ends v0001, v0002…: newest = descending, Limit 1; a given version = GetItem)
//   plan proposals of a cat . Query    pk=REGION#r  sk begins_with PLANPROP#c#cat#  (one item per proposal after
//                             the plan stage, sk ends p0001…: the latest = descending, Limit 1; never PLAN#, so the
//                             version in force (newest PLAN#) does not move until the leader approves)
//   demo seed marker ........ GetItem  pk=SEED sk=PART#name            (local stack only)
//   profile + one session ... BatchGet pk=USER#name sk=USER and sk=SESSION#h (consistent; h = hash of issuer and sid)
//   sign-in guard of a name . GetItem  pk=USER#name sk=SIGNIN   (lock bookkeeping of a username with no profile)
//   feeding system by key id  GetItem  pk=FEED#id sk=FEED   (the id is the public part of its key: a feed call's
//                             one read before its writes; functions/data/feed-systems.ts)
//   feeding systems of region Query    gsi1 gsi1pk=FEEDS#r  (gsi1sk = createdAt#id: newest first, paged)
//   a complaint (投诉举报) .... GetItem  pk=COMPLAINT#r  sk=C#id   (not cycle work: it may name no cycle; Art 32,
//                             functions/data/complaints.ts); its contact details sk=C#id#CONTACT, apart so no
//                             list, export or audit entry carries them, deleted by TTL (expiresAt) at retention end
//   the bureau's complaints . Query    gsi3 gsi3pk=COMPLAINTS#r  (gsi3sk = status#receivedAt#id: one Query for the
//                             list, begins_with status# for one status; paged, newest first)
//   complaints due .......... Query    gsi1 gsi1pk=COMPLAINTDUE#r  gsi1sk <= date~  (gsi1sk = due date#id; sparse:
//                             removed once answered, so the daily job reads what is open and due)
//   a complaint by query code GetItem  pk=COMPLAINTCODE#hash  sk=CODE   (sha256 of the code; the code is not stored)
//   public filings per client GetItem  pk=COMPLAINTCAP#h  sk=date   (h = hash of Beijing date and client address;
//                             a counter conditioned in the filing's transaction; TTL 2 days)
//
// A cycle's per-unit work (goals, progress reports, feedback, self-assessments, scores, bonus and
// deduction claims, reviews, results, rectification): 300 units × 50 goals × 12 months is large, so
// it has its own partition per region and cycle, apart from the region's items that listCycles reads.
// `kind` is one of WORK_KINDS; `rest` identifies the item within its unit (indicator, period, id).
//   a kind across the cycle ... Query pk=WORK#r#c  sk begins_with KIND#
//   a unit's items of a kind .. Query pk=WORK#r#c  sk begins_with KIND#u#
//   one item .................. GetItem pk=WORK#r#c sk=KIND#u#rest
//   assessor worklist ......... Query gsi2 gsi2pk=ASSESS#r#c#assessorUnit  (gsi2sk = status#u#indicator;
//                               begins_with status# for "still to score")
//   category ranking .......... Query gsi2 gsi2pk=RANK#r#c#category  (gsi2sk = inverted total#u: best first)
//   bureau queue by status .... Query gsi3 gsi3pk=QUEUE#r#c#KIND  (gsi3sk = status#time#u; begins_with status#)
//   published (public site) ... Query gsi3 gsi3pk=PUBLISHED#r#c#KIND  (gsi3sk = u#rest; sparse: set on publication)
//   a unit's goals + its set  Query pk=WORK#r#c  sk begins_with GOAL#u#   (the set's rest is #SET: it sorts
//                               before every indicator id, which never holds '#')
//   a unit's goal tasks ....... in the same Query (begins_with GOAL#u#): a task is GOAL#u#indicator#TASK#id,
//                               right after its goal; the unit's departments GOAL#u##DEPT (before every goal).
//                               So both decomposition views (per goal, per department) are that one Query.
//   the bureau's goal queue ... Query gsi3 gsi3pk=QUEUE#r#c#GOAL  (goal-set items only, gsi3sk = status#time#u:
//                               every set of the cycle in one Query, or begins_with status# for one status)
//   stage duties of a cycle ... Query pk=WORK#r#c  sk begins_with DUTY#   (one item per unit and stage that
//                               has one: sk = DUTY#u#stageCode, holding the unit's extension, the deadline it
//                               last missed and the one it was last reminded of — domain/duties.ts; delivery
//                               itself is read from the work, e.g. the bureau's goal queue below)
//   a unit's duty in a stage .. GetItem pk=WORK#r#c sk=DUTY#u#stageCode
//   a goal's adjustments ...... Query pk=WORK#r#c  sk begins_with ADJUST#u#i#  (requests REQ#id, the revisions an
//                               approval replaced REV#nnnn, and OPEN, the goal's one open request; a unit's: ADJUST#u#)
//   the bureau's adjustments .. Query gsi3 gsi3pk=QUEUE#r#c#ADJUST  (requests only, gsi3sk = status#time#u)
//   report schedule of cycle .. GetItem pk=WORK#r#c sk=PROGRESS##SCHEDULE  (sorts before every unit's items)
//   a unit's progress report .. Query pk=WORK#r#c  sk begins_with PROGRESS#u#period#  (the period's report
//                               PROGRESS#u#period##REPORT first, then one item per goal PROGRESS#u#period#indicator;
//                               begins_with PROGRESS#u#2026- reads the unit's year, monthly or quarterly periods)
//   pending evidence uploads .. GetItem pk=WORK#r#c sk=PROGRESS#u##UPLOAD#fileId  (before every period of the unit)
//   the bureau's reports ...... Query gsi3 gsi3pk=QUEUE#r#c#PROGRESS  gsi3sk = period#status#u  (report items
//                               only: begins_with period# for every unit of a period, period#status# for one status)
//   an assessor's reports ..... Query gsi2 gsi2pk=PROGASSESS#r#c#assessorUnit  gsi2sk = period#u#indicator
//                               (approved items only: sparse, set when the unit leader approves)
//   a goal's early warning .... in the unit's GOAL#u# Query: GOAL#u#i#WARN (right after the goal, before
//                               nothing else of the unit's) — so the unit's own view is that one Query
//   an assessor's warnings .... Query gsi2 gsi2pk=WARNASSESS#r#c#assessorUnit  (gsi2sk = u#indicator)
//   warnings due to move ...... Query gsi1 gsi1pk=WARNDUE#r  gsi1sk <= date~  (gsi1sk = date#c#u#i: the next
//                               date a goal's colour may change with the date alone; the daily job's list)
//   the dashboard's counters .. Query pk=DASH#r#c  (UNIT#u, CAT#category, MONTH#YYYY-MM: kept on write by
//                               data/early-warning.ts in the transactions that change the statuses)
//   deadlines for the daily job Query gsi1 gsi1pk=DUE#r  gsi1sk <= date~  (gsi1sk = date#c#KIND#u#rest;
//                               sparse: removed when the item is done, so what is left is open or overdue)
//   a unit's feedback ......... Query pk=WORK#r#c  sk begins_with FEEDBACK#u#  (items FEEDBACK#u#id, each followed by
//                               its Art 20 deduction proposal FEEDBACK#u#id#PROPOSAL if any; pending evidence
//                               uploads FEEDBACK#u##UPLOAD#file sort before the items)
//   the cycle's feedback ...... Query gsi3 gsi3pk=QUEUE#r#c#FEEDBACK  (gsi3sk = status#raisedAt#u; begins_with status#)
//   proposed deductions ....... Query gsi3 gsi3pk=PROPOSED#r#c  (gsi3sk = KIND#u#id: proposals waiting for the
//                               assessment stage, whatever raised them)
//   feedback the unit owes .... the DUE#r index above (rest = feedback id): the answer's or the result's date
//   a unit's scores ........... Query pk=WORK#r#c  sk begins_with SCORE#u#  (one item per plan leaf an assessor unit
//                               or the third party scores, SCORE#u#indicator: model/score.ts; the results read
//                               every unit's with begins_with SCORE# — entity 'score' only, see the tally below)
//   an assessor's scoring ..... Query gsi2 gsi2pk=ASSESS#r#c#assessorUnit  (the same partition as its goals: a
//                               SCORE item's gsi2sk = status#u#indicator with status draft|submitted; its worklist
//                               is this one Query, goals and scores told apart by entity)
//   scoring tallies ........... Query gsi3 gsi3pk=QUEUE#r#c#SCORE  (one tally per assessor unit, sk
//                               SCORE##ASSESSOR#assessorUnit, gsi3sk = status#time#assessorUnit: counters per
//                               indicator kept on write; the bureau's progress and the stage duty read them)
//   a unit's bonus/deduction .. Query pk=WORK#r#c  sk begins_with CLAIM#u#  (items CLAIM#u#id: { unitId, id, kind
//                               bonus|deduction, ruleId, name, occurrences, amount (hundredths), severe, needsApproval,
//                               raisedBy { kind unit|assessor|bureau, unitId }, source? { feedbackId }, description,
//                               evidence[], status draft|submitted|approved|rejected, decision? { outcome, by, at,
//                               reason }, version } — model/claim.ts; and the unit's pending claim evidence uploads
//                               CLAIM#u##UPLOAD#fileId, which sort before every claim id)
//   the bureau's claims ....... Query gsi3 gsi3pk=QUEUE#r#c#CLAIM  (gsi3sk = status#since#u; sparse: every claim
//                               but the drafts of units and assessor units; begins_with approved# = what counts)
//   claims a unit raised ...... Query gsi2 gsi2pk=CLAIMBY#r#c#raiserUnit  (gsi2sk = createdAt#u#id: the deductions
//                               an assessor unit or the bureau raised, drafts included)
//   a unit's 复核 requests ..... Query pk=WORK#r#c  sk begins_with REVIEW#u#  (requests REVIEW#u#id: the items of its
//                               published result it names — score:<indicator> / claim:<id> —, reasons, evidence, each
//                               item's decision; model/review.ts; pending uploads REVIEW#u##UPLOAD#fileId sort first)
//   the bureau's 复核 queue .... Query gsi3 gsi3pk=QUEUE#r#c#REVIEW  (gsi3sk = status#since#u; sparse: filed requests
//                               only, submitted|decided — a unit's draft is its own; data/reviews.ts)
//   a unit's self-assessment .. Query pk=WORK#r#c  sk begins_with SELF#u#   (the set SELF#u##SET first, then its
//                               pending uploads SELF#u##UPLOAD#fileId, then one item per goal SELF#u#indicator:
//                               model/self-assessment.ts; the results read the items, data/self-assessments.ts)
//   the bureau's self-assessments Query gsi3 gsi3pk=QUEUE#r#c#SELF  (set items only, gsi3sk = status#time#u; an
//                               assessor unit reads the submitted and approved ones there, then a unit's items)
//   a unit's preliminary result Query pk=WORK#r#c  sk begins_with RESULT#u#  (RESULT#u##TOTAL: the engine's total,
//                               breakdown, grade and rank or what is missing, model/result.ts; then its vetoes
//                               RESULT#u##VETO#id, proposed by the bureau staff, approved by the leader)
//   the cycle's results ....... Query pk=WORK#r#c  sk begins_with RESULT#  (runs RESULT##RUN#startedAt#id and
//                               publications RESULT##PUBLISH#category sort before every unit: '#' < any id)
//   the latest run ............ Query pk=WORK#r#c  sk begins_with RESULT##RUN#  descending, Limit 1
//                               (RESULT##HEAD names the run started last: each start is conditioned on it)
//   a category's ranking ...... the RANK#r#c#category index above: complete results only (gsi2sk inverted total#u)
//   the bureau's vetoes ....... Query gsi3 gsi3pk=QUEUE#r#c#RESULT  (veto items only, gsi3sk = status#time#u)
//   recolour runs ............. Query pk=WORK#r#c  sk begins_with WARN##RUN#  descending, Limit n: the newest
//                               runs (a run id starts with its start instant, so ids sort as runs started);
//                               one run: GetItem sk=WARN##RUN#id (model/warning-run.ts, data/warning-runs.ts)
//   a unit's Art 23 decisions . in the unit's RESULT#u# Query: RESULT#u##ART23#id (a raise or lowering of grade or
//                               rank, proposed by the staff, approved by the leader with its 文号; data/grade-decisions.ts)
//   the bureau's Art 23 queue . Query gsi3 gsi3pk=ART23#r#c  (decision items only, gsi3sk = status#time#u)
//   frozen categories ......... Query pk=WORK#r#c  sk begins_with RESULT##FREEZE#  (one item per confirmed category,
//                               RESULT##FREEZE#category: confirmed or reopened, the confirmed version; every write
//                               that changes a result checks it, data/confirmations.ts)
//   a category's confirmations  Query pk=WORK#r#c  sk begins_with RESULT##CONFIRM#category#  (reopen proposals
//                               …#r0001#id first, then the snapshots …#v0001 as confirmed: the history in one Query)
//   the confirmed results ..... Query pk=WORK#r#c  sk begins_with RESULT##CONFIRM#category#v  descending, Limit 1
//   a unit's rectification .... Query pk=WORK#r#c  sk begins_with RECTIFY#u#  (one plan per problem found, RECTIFY#u#problemId
//                               — score:/satisfaction:/feedback:/claim: ids, domain/problems.ts —; pending evidence
//                               uploads RECTIFY#u##UPLOAD#fileId sort first; model/rectification.ts, data/rectification.ts)
//   the bureau's rectification  Query gsi3 gsi3pk=QUEUE#r#c#RECTIFY  (every plan, drafts included so the bureau sees who
//                               has not filed; gsi3sk = status#deadline#u: begins_with status# for one status)
//   public rectification ...... Query gsi2 gsi2pk=PUBRECT#r#c  (gsi2sk = u#problemId; sparse: set when the unit leader
//                               approves, never removed; begins_with u# for one unit's commitments)
//   overdue rectification ..... the DUE#r index (kind RECTIFY, rest = problemId): set while the plan is being worked on
//   carried goals (Art 26) .... in the NEXT cycle's unit GOAL#u# Query: GOAL#u##CARRY#fromCycle#problemId (before every
//                               goal: '#' sorts first); begins_with GOAL#u##CARRY# for them alone
//   the results notice ........ Query pk=WORK#r#c  sk begins_with RESULT##NOTICE#  (通报, Art 22/27: the head
//                               RESULT##NOTICE#HEAD — newest version, the one in force — then one item per version
//                               …#v0001, draft to published, kept when superseded; data/results-notice.ts). Whether
//                               it is published: GetItem of the head alone
import { beijingDate } from '../domain/dates.ts';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The kinds of a cycle's per-unit work, as they lead the sort key in the cycle's partition. */
export const WORK_KINDS = ['GOAL', 'ADJUST', 'PROGRESS', 'FEEDBACK', 'SELF', 'SCORE', 'CLAIM', 'REVIEW', 'RESULT', 'RECTIFY', 'DUTY', 'WARN'] as const;
export type WorkKind = (typeof WORK_KINDS)[number];

/** Totals are at most this many hundredths; the ranking key sorts the inverse so the best come first. */
const RANK_TOP = 99_999_999;

export const keys = {
  region: (regionId: string) => ({ pk: `REGION#${regionId}`, sk: 'REGION' }),
  regionList: (regionId: string) => ({ gsi1pk: 'REGIONS', gsi1sk: regionId }),
  regionsPartition: 'REGIONS',
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
  /** A proposed plan version awaiting (or after) the bureau leader's decision (functions/data/plan-proposals.ts). */
  planProposal: (regionId: string, cycleId: string, categoryId: string, seq: number) => ({ pk: `REGION#${regionId}`, sk: `PLANPROP#${cycleId}#${categoryId}#p${String(seq).padStart(4, '0')}` }),
  planProposalPrefix: (cycleId: string, categoryId: string) => `PLANPROP#${cycleId}#${categoryId}#`,
  cycle: (regionId: string, cycleId: string) => ({ pk: `REGION#${regionId}`, sk: `CYCLE#${cycleId}` }),
  cyclePrefix: 'CYCLE#',
  openCycle: (regionId: string, cycleId: string) => ({ gsi1pk: 'OPEN_CYCLES', gsi1sk: `${regionId}#${cycleId}` }),
  openCyclesPartition: 'OPEN_CYCLES',
  stage: (regionId: string, cycleId: string, index: number) => ({
    pk: `REGION#${regionId}`,
    sk: `CYCLE#${cycleId}#STAGE#${pad2(index)}`,
  }),
  regionPartition: (regionId: string) => `REGION#${regionId}`,
  user: (username: string) => ({ pk: `USER#${username}`, sk: 'USER' }),
  userList: (regionId: string, username: string) => ({ gsi1pk: `USERS#${regionId}`, gsi1sk: username }),
  /** An audit entry, filed by the Beijing month of `at` (a UTC ISO instant). */
  audit: (regionId: string, at: string, id: string) => ({ pk: `AUDIT#${regionId}#${beijingDate(Date.parse(at)).slice(0, 7)}`, sk: `${at}#${id}` }),
  auditPartition: (regionId: string, month: string) => `AUDIT#${regionId}#${month}`,
  /** The head of one audit chain: the Beijing date's shard `shard` (functions/data/audit.ts). */
  auditHead: (regionId: string, date: string, shard: number) => ({ pk: `AUDIT#${regionId}#${date.slice(0, 7)}`, sk: `HEAD#${date}#${shard}` }),
  /** Sort-key bounds of the chain heads of the dates from..to (within one month's partition). */
  auditHeadRange: (from: string, to: string) => [`HEAD#${from}`, `HEAD#${to}#~`] as const,
  /** Every audit partition begins so (IAM denies changing them: cdk/constructs/data.ts). */
  auditPrefix: 'AUDIT#',
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
  /** A cycle's per-unit work: the partition, an item, and the sort-key prefix of a kind (of one unit). */
  workPartition: (regionId: string, cycleId: string) => `WORK#${regionId}#${cycleId}`,
  work: (regionId: string, cycleId: string, kind: WorkKind, unitId: string, rest: string) => ({
    pk: `WORK#${regionId}#${cycleId}`,
    sk: `${kind}#${unitId}#${rest}`,
  }),
  /** A unit's goal for one leaf indicator, and the unit's goal set (functions/data/goals.ts). */
  goal: (regionId: string, cycleId: string, unitId: string, indicatorId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `GOAL#${unitId}#${indicatorId}` }),
  goalSet: (regionId: string, cycleId: string, unitId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `GOAL#${unitId}##SET` }),
  /** A task decomposing a unit's goal (Art 13), and the unit's departments of the cycle (functions/data/goal-tasks.ts). */
  goalTask: (regionId: string, cycleId: string, unitId: string, indicatorId: string, taskId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `GOAL#${unitId}#${indicatorId}#TASK#${taskId}` }),
  unitDepartments: (regionId: string, cycleId: string, unitId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `GOAL#${unitId}##DEPT` }),
  /** A unit's self-assessment of one goal, its set, and a pending evidence upload (functions/data/self-assessments.ts). */
  selfAssessment: (regionId: string, cycleId: string, unitId: string, indicatorId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `SELF#${unitId}#${indicatorId}` }),
  selfAssessmentSet: (regionId: string, cycleId: string, unitId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `SELF#${unitId}##SET` }),
  selfUpload: (regionId: string, cycleId: string, unitId: string, fileId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `SELF#${unitId}##UPLOAD#${fileId}` }),
  /** A unit's standing in one stage's duties (functions/data/duties.ts). */
  duty: (regionId: string, cycleId: string, unitId: string, stage: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `DUTY#${unitId}#${stage}` }),
  /** A goal's adjustment request, a revision it replaced, and its one open request (functions/data/goal-adjustments.ts). */
  goalAdjustment: (regionId: string, cycleId: string, unitId: string, indicatorId: string, adjustmentId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `ADJUST#${unitId}#${indicatorId}#REQ#${adjustmentId}` }),
  goalRevision: (regionId: string, cycleId: string, unitId: string, indicatorId: string, revision: number) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `ADJUST#${unitId}#${indicatorId}#REV#${String(revision).padStart(4, '0')}` }),
  goalAdjustmentOpen: (regionId: string, cycleId: string, unitId: string, indicatorId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `ADJUST#${unitId}#${indicatorId}#OPEN` }),
  /** Progress reports (functions/data/progress-reports.ts, model/progress-report.ts). */
  progressSchedule: (regionId: string, cycleId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: 'PROGRESS##SCHEDULE' }),
  progressReport: (regionId: string, cycleId: string, unitId: string, period: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `PROGRESS#${unitId}#${period}##REPORT` }),
  progressItem: (regionId: string, cycleId: string, unitId: string, period: string, indicatorId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `PROGRESS#${unitId}#${period}#${indicatorId}` }),
  /** A unit's items of a period (its report first), or of a year/prefix of periods (`2026-`). */
  progressPrefix: (unitId: string, periodPrefix: string) => `PROGRESS#${unitId}#${periodPrefix}`,
  progressPeriodPrefix: (unitId: string, period: string) => `PROGRESS#${unitId}#${period}#`,
  evidenceUpload: (regionId: string, cycleId: string, unitId: string, fileId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `PROGRESS#${unitId}##UPLOAD#${fileId}` }),
  progressQueue: (regionId: string, cycleId: string, period: string, status: string, unitId: string) => ({
    gsi3pk: `QUEUE#${regionId}#${cycleId}#PROGRESS`,
    gsi3sk: `${period}#${status}#${unitId}`,
  }),
  progressAssessor: (regionId: string, cycleId: string, assessorUnitId: string, period: string, unitId: string, indicatorId: string) => ({
    gsi2pk: `PROGASSESS#${regionId}#${cycleId}#${assessorUnitId}`,
    gsi2sk: `${period}#${unitId}#${indicatorId}`,
  }),
  progressAssessorPartition: (regionId: string, cycleId: string, assessorUnitId: string) => `PROGASSESS#${regionId}#${cycleId}#${assessorUnitId}`,
  /** A feedback item during the year and its proposed deduction (functions/data/feedback.ts). */
  feedback: (regionId: string, cycleId: string, unitId: string, feedbackId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `FEEDBACK#${unitId}#${feedbackId}` }),
  feedbackProposal: (regionId: string, cycleId: string, unitId: string, feedbackId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `FEEDBACK#${unitId}#${feedbackId}#PROPOSAL` }),
  /** A signed evidence upload for a unit's feedback not yet referenced by the item (or the answer, the result). */
  feedbackUpload: (regionId: string, cycleId: string, unitId: string, fileId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `FEEDBACK#${unitId}##UPLOAD#${fileId}` }),
  proposed: (regionId: string, cycleId: string, kind: WorkKind, unitId: string, rest: string) => ({ gsi3pk: `PROPOSED#${regionId}#${cycleId}`, gsi3sk: `${kind}#${unitId}#${rest}` }),
  proposedPartition: (regionId: string, cycleId: string) => `PROPOSED#${regionId}#${cycleId}`,
  /** A bonus or deduction item of a unit, and a pending upload of its evidence (functions/data/claims.ts). */
  claim: (regionId: string, cycleId: string, unitId: string, claimId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `CLAIM#${unitId}#${claimId}` }),
  claimUpload: (regionId: string, cycleId: string, unitId: string, fileId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `CLAIM#${unitId}##UPLOAD#${fileId}` }),
  claimRaiser: (regionId: string, cycleId: string, raiserUnitId: string, createdAt: string, unitId: string, claimId: string) => ({
    gsi2pk: `CLAIMBY#${regionId}#${cycleId}#${raiserUnitId}`,
    gsi2sk: `${createdAt}#${unitId}#${claimId}`,
  }),
  claimRaiserPartition: (regionId: string, cycleId: string, raiserUnitId: string) => `CLAIMBY#${regionId}#${cycleId}#${raiserUnitId}`,
  /** A unit's 复核 request of its preliminary result, and a pending upload of its evidence (functions/data/reviews.ts). */
  review: (regionId: string, cycleId: string, unitId: string, reviewId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `REVIEW#${unitId}#${reviewId}` }),
  reviewUpload: (regionId: string, cycleId: string, unitId: string, fileId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `REVIEW#${unitId}##UPLOAD#${fileId}` }),
  /** A unit's preliminary result, a veto against it, a run of the computation, a category's publication (functions/data/results.ts). */
  result: (regionId: string, cycleId: string, unitId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT#${unitId}##TOTAL` }),
  veto: (regionId: string, cycleId: string, unitId: string, vetoRecordId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT#${unitId}##VETO#${vetoRecordId}` }),
  resultRun: (regionId: string, cycleId: string, startedAt: string, runId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT##RUN#${startedAt}#${runId}` }),
  resultRunPrefix: 'RESULT##RUN#',
  /** The id of the run started last: a start is conditioned on the one it saw, so two never start side by side. */
  resultRunHead: (regionId: string, cycleId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: 'RESULT##HEAD' }),
  resultPublication: (regionId: string, cycleId: string, categoryId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT##PUBLISH#${categoryId}` }),
  /** An Art 23 decision on a unit's grade or rank, and the bureau's queue of them (functions/data/grade-decisions.ts). */
  gradeDecision: (regionId: string, cycleId: string, unitId: string, decisionId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT#${unitId}##ART23#${decisionId}` }),
  gradeDecisionQueue: (regionId: string, cycleId: string, status: string, at: string, unitId: string) => ({ gsi3pk: `ART23#${regionId}#${cycleId}`, gsi3sk: `${status}#${at}#${unitId}` }),
  gradeDecisionQueuePartition: (regionId: string, cycleId: string) => `ART23#${regionId}#${cycleId}`,
  /** A category's confirmation state (frozen while confirmed), its snapshots and reopen proposals (functions/data/confirmations.ts). */
  categoryFreeze: (regionId: string, cycleId: string, categoryId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT##FREEZE#${categoryId}` }),
  categoryFreezePrefix: 'RESULT##FREEZE#',
  confirmation: (regionId: string, cycleId: string, categoryId: string, version: number) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT##CONFIRM#${categoryId}#v${String(version).padStart(4, '0')}` }),
  reopen: (regionId: string, cycleId: string, categoryId: string, fromVersion: number, reopenId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT##CONFIRM#${categoryId}#r${String(fromVersion).padStart(4, '0')}#${reopenId}` }),
  /** Ends with `#`, so category c1 never prefixes c10; `…#v` the snapshots alone. */
  confirmationPrefix: (categoryId: string) => `RESULT##CONFIRM#${categoryId}#`,
  confirmationSnapshotPrefix: (categoryId: string) => `RESULT##CONFIRM#${categoryId}#v`,
  /** The cycle's results notice: its head and its versions (functions/data/results-notice.ts). */
  noticeHead: (regionId: string, cycleId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: 'RESULT##NOTICE#HEAD' }),
  noticeVersion: (regionId: string, cycleId: string, number: number) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RESULT##NOTICE#v${String(number).padStart(4, '0')}` }),
  noticePrefix: 'RESULT##NOTICE#',
  /** A goal's early-warning status (functions/data/early-warning.ts). */
  goalWarning: (regionId: string, cycleId: string, unitId: string, indicatorId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `GOAL#${unitId}#${indicatorId}#WARN` }),
  warningAssessor: (regionId: string, cycleId: string, assessorUnitId: string, unitId: string, indicatorId: string) => ({ gsi2pk: `WARNASSESS#${regionId}#${cycleId}#${assessorUnitId}`, gsi2sk: `${unitId}#${indicatorId}` }),
  warningAssessorPartition: (regionId: string, cycleId: string, assessorUnitId: string) => `WARNASSESS#${regionId}#${cycleId}#${assessorUnitId}`,
  warningDue: (regionId: string, date: string, cycleId: string, unitId: string, indicatorId: string) => ({ gsi1pk: `WARNDUE#${regionId}`, gsi1sk: `${date}#${cycleId}#${unitId}#${indicatorId}` }),
  warningDuePartition: (regionId: string) => `WARNDUE#${regionId}`,
  /** A background recolour of a category after new warning thresholds (functions/data/warning-runs.ts). */
  warningRun: (regionId: string, cycleId: string, runId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `WARN##RUN#${runId}` }),
  warningRunPrefix: 'WARN##RUN#',
  /** A dashboard counter of a cycle: scope UNIT, CAT or MONTH and its key. */
  dashboard: (regionId: string, cycleId: string, scope: 'UNIT' | 'CAT' | 'MONTH', key: string) => ({ pk: `DASH#${regionId}#${cycleId}`, sk: `${scope}#${key}` }),
  dashboardPartition: (regionId: string, cycleId: string) => `DASH#${regionId}#${cycleId}`,
  /** An assessor unit's (or the third party's) score of a unit's plan leaf, and its tally (functions/data/scores.ts). */
  score: (regionId: string, cycleId: string, unitId: string, indicatorId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `SCORE#${unitId}#${indicatorId}` }),
  scoreTally: (regionId: string, cycleId: string, assessorUnitId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `SCORE##ASSESSOR#${assessorUnitId}` }),
  workPrefix: (kind: WorkKind, unitId?: string) => (unitId === undefined ? `${kind}#` : `${kind}#${unitId}#`),
  assessorWork: (regionId: string, cycleId: string, assessorUnitId: string, status: string, unitId: string, indicatorId: string) => ({
    gsi2pk: `ASSESS#${regionId}#${cycleId}#${assessorUnitId}`,
    gsi2sk: `${status}#${unitId}#${indicatorId}`,
  }),
  assessorWorkPartition: (regionId: string, cycleId: string, assessorUnitId: string) => `ASSESS#${regionId}#${cycleId}#${assessorUnitId}`,
  ranking: (regionId: string, cycleId: string, categoryId: string, totalHundredths: number, unitId: string) => ({
    gsi2pk: `RANK#${regionId}#${cycleId}#${categoryId}`,
    gsi2sk: `${String(RANK_TOP - totalHundredths).padStart(8, '0')}#${unitId}`,
  }),
  rankingPartition: (regionId: string, cycleId: string, categoryId: string) => `RANK#${regionId}#${cycleId}#${categoryId}`,
  queue: (regionId: string, cycleId: string, kind: WorkKind, status: string, at: string, unitId: string) => ({
    gsi3pk: `QUEUE#${regionId}#${cycleId}#${kind}`,
    gsi3sk: `${status}#${at}#${unitId}`,
  }),
  queuePartition: (regionId: string, cycleId: string, kind: WorkKind) => `QUEUE#${regionId}#${cycleId}#${kind}`,
  published: (regionId: string, cycleId: string, kind: WorkKind, unitId: string, rest: string) => ({
    gsi3pk: `PUBLISHED#${regionId}#${cycleId}#${kind}`,
    gsi3sk: `${unitId}#${rest}`,
  }),
  publishedPartition: (regionId: string, cycleId: string, kind: WorkKind) => `PUBLISHED#${regionId}#${cycleId}#${kind}`,
  due: (regionId: string, date: string, cycleId: string, kind: WorkKind, unitId: string, rest: string) => ({
    gsi1pk: `DUE#${regionId}`,
    gsi1sk: `${date}#${cycleId}#${kind}#${unitId}#${rest}`,
  }),
  duePartition: (regionId: string) => `DUE#${regionId}`,
  /** Sorts after every key of `date`: `gsi1sk <= dueUntil(date)` reads all due on or before it. */
  dueUntil: (date: string) => `${date}#~`,
  /** A feeding system of the feed API, found by its key's public id, and listed per region (functions/data/feed-systems.ts). */
  feedSystem: (systemId: string) => ({ pk: `FEED#${systemId}`, sk: 'FEED' }),
  feedSystemList: (regionId: string, createdAt: string, systemId: string) => ({ gsi1pk: `FEEDS#${regionId}`, gsi1sk: `${createdAt}#${systemId}` }),
  feedSystemsPartition: (regionId: string) => `FEEDS#${regionId}`,
  /** A complaint (投诉举报), its contact item, queue, due index, code pointer and per-client cap (functions/data/complaints.ts). */
  complaint: (regionId: string, complaintId: string) => ({ pk: `COMPLAINT#${regionId}`, sk: `C#${complaintId}` }),
  complaintContact: (regionId: string, complaintId: string) => ({ pk: `COMPLAINT#${regionId}`, sk: `C#${complaintId}#CONTACT` }),
  complaintQueue: (regionId: string, status: string, receivedAt: string, complaintId: string) => ({ gsi3pk: `COMPLAINTS#${regionId}`, gsi3sk: `${status}#${receivedAt}#${complaintId}` }),
  complaintQueuePartition: (regionId: string) => `COMPLAINTS#${regionId}`,
  complaintDue: (regionId: string, date: string, complaintId: string) => ({ gsi1pk: `COMPLAINTDUE#${regionId}`, gsi1sk: `${date}#${complaintId}` }),
  complaintDuePartition: (regionId: string) => `COMPLAINTDUE#${regionId}`,
  /** A unit's rectification plan of a problem, a pending evidence upload, the public index (functions/data/rectification.ts). */
  rectification: (regionId: string, cycleId: string, unitId: string, problemId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RECTIFY#${unitId}#${problemId}` }),
  rectifyUpload: (regionId: string, cycleId: string, unitId: string, fileId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `RECTIFY#${unitId}##UPLOAD#${fileId}` }),
  rectifyPublic: (regionId: string, cycleId: string, unitId: string, problemId: string) => ({ gsi2pk: `PUBRECT#${regionId}#${cycleId}`, gsi2sk: `${unitId}#${problemId}` }),
  rectifyPublicPartition: (regionId: string, cycleId: string) => `PUBRECT#${regionId}#${cycleId}`,
  /** A key problem carried into the next cycle as a draft goal of the unit (Art 26). */
  carriedGoal: (regionId: string, cycleId: string, unitId: string, fromCycleId: string, problemId: string) => ({ pk: `WORK#${regionId}#${cycleId}`, sk: `GOAL#${unitId}##CARRY#${fromCycleId}#${problemId}` }),
  carriedGoalPrefix: (unitId: string) => `GOAL#${unitId}##CARRY#`,
  complaintCode: (codeHash: string) => ({ pk: `COMPLAINTCODE#${codeHash}`, sk: 'CODE' }),
  complaintCap: (clientHash: string, date: string) => ({ pk: `COMPLAINTCAP#${clientHash}`, sk: date }),
  /** Sign-in failures and lock of a username that has no profile (functions/data/sign-in.ts). */
  signInGuard: (username: string) => ({ pk: `USER#${username}`, sk: 'SIGNIN' }),
};

/** Cycle ids are the cycle's year, so `CYCLE#2025` never prefixes another cycle's keys. */
export function cycleIdOf(year: number): string {
  return String(year);
}

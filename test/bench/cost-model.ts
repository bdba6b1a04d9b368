// `node --import tsx test/bench/cost-model.ts`: docs/cost.md's yearly request model and its bill, for
// one city (300 units × 50 goals) and one province (125 regions, 7,000 units, 350,000 goals), in the
// global partition (us-east-1, USD) and in AWS China (cn-northwest-1 Ningxia, CNY). Every usage figure
// is either MEASURED by the benches (test/bench/*.ts, run 2026-12-03; the constants below are copied
// from their output) or an ASSUMPTION named here; every price carries its source and whether it was
// confirmed. Prints markdown tables. No assertions.

// ── Measured (benches, 2026-12-03, DynamoDB Local on the shared 2-core machine) ─────────────────────
const M = {
  /**
   * Read units of a page's GET, session check included: mean of the seven views metered (cycles 3.0, a cycle 5.5,
   * public cycles 13.5, dashboard 9.0, a unit's warnings 12.5, a unit's goals 10.5, the goal-set queue 14.5).
   */
  rcuPerRead: 9.8,
  /** dashboard.ts: an assessor unit's warning list (the region's ~6,000 statuses, 5 pages of 1 MB). */
  assessorListRcu: 524,
  /** goals.ts: PUT of a goal — 11.5 RCU, 10 WCU (a transaction of 5 items); 12 WCU allows for moves with a notice or more items. */
  rcuPerWrite: 11.5,
  wcuPerWrite: 12,
  /** log-bytes.ts: handler lines (JSON + EMF) + Lambda START/END/REPORT + the stage's access-log line: 1,258–1,396 B measured. */
  logBytesPerRequest: 1_350,
  /** Handler time per API request: median of the eight metered calls (11–324 ms on DynamoDB Local under load). */
  handlerSecondsPerRequest: 0.06,
  /** results.ts: one city's computation and grading (first run, 300 results written). */
  resultsRunSeconds: 5.7,
  resultsRunRcu: 736,
  resultsRunWcu: 1_860, // 1,260 for the results and their audit + 600 for the results' ranking copies on gsi2
  /** api.ts: the daily job on the demo stack (3 cycles, first colouring of 370 statuses) — an upper bound per region-day. */
  dailySeconds: 6.6,
  /** Stored bytes per item by kind (DynamoDB's size rules), from results.ts, dashboard.ts and the demo (api.ts). */
  bytes: { GOAL: 480, WARN: 690, PROGRESS: 411, SELF: 514, SCORE: 420, RESULT: 1_150, CLAIM: 700, FEEDBACK: 1_520, TASK: 400, AUDIT: 644, NOTICE: 500 },
};

// ── Assumptions (not measured; each says why) ─────────────────────────────────────────────────────
const A = {
  /** Per unit one filer and one leader (as the demo), plus per region its bureau, assessor-unit staff, third party, administrators. */
  peoplePerUnit: 2,
  othersPerCity: 65,
  othersPerCountyRegion: 20,
  /** Share of accounts signing in in a month (monthly reports make most of them active every month). */
  activeShare: 0.9,
  /**
   * API requests per unit and year, by stage (SPEC cycle): goal drafting and review ~510, decomposition ~200,
   * twelve monthly reports ~1,690 (page views 4 GETs each, 50 item saves + refreshes, 3 evidence files signed
   * and confirmed, the leader's review), feedback and adjustments ~30, self-assessment ~150, scoring of its
   * goals by assessor units ~75, claims, results, review and rectification ~50.
   */
  readsPerUnitYear: 1_700,
  writesPerUnitYear: 1_000,
  /** Bureau staff of a city: 6 people × 220 working days × 100 requests; a county bureau 4 × 220 × 60. */
  bureauRequestsCity: 132_000,
  bureauRequestsCounty: 52_800,
  /** Public pages (published goals, results): 20,000 views a city-year × 3 requests. */
  publicRequestsCity: 60_000,
  /** The daily job recolours each approved goal about 6 times a year (quarterly milestones, their 30-day grace, missed reports), 4 WCU each (status + counters in one transaction; not metered). */
  recoloursPerGoalYear: 6,
  wcuPerRecolour: 4,
  /** Views of an assessor unit's warning list a city-year (40 assessor staff, about one a week). */
  assessorListViewsCity: 2_000,
  /** Results computed five times a cycle (first, after reviews, after Art 23 decisions). */
  resultsRunsPerYear: 5,
  /** Goal decomposition tasks per unit; notices per write (0.3 × a write names a recipient). */
  tasksPerUnit: 100,
  noticesPerWrite: 0.3,
  /** Evidence: 48 files a unit-year (3 a month, 10 for self-assessment, 2 for claims) of 1 MB each, each downloaded twice. */
  evidenceFilesPerUnit: 48,
  evidenceMb: 1,
  evidenceGetsPerFile: 2,
  /** Site: sessions a year per active person ~40; a first visit loads the whole gzip'd site (1.1 MB measured of web/dist), later ones ~50 KB. */
  sessionsPerPersonYear: 40,
  siteMbFirst: 1.1,
  siteMbLater: 0.05,
  cfRequestsPerSession: 30,
  /** Step Functions transitions a region-cycle: 11 stages × 5 (open, choice, await, choice, next) + 1 ComputeResults + two timeouts a stage (reminder, deadline) × 6. */
  transitionsPerRegionYear: 11 * 5 + 1 + 11 * 2 * 6,
  /** Per route 3 metrics (Requests, Errors, Latency) × 164 routes (159 API + workflow/daily) + 5 business events; billed for the hours they get data. */
  customMetrics: 164 * 3 + 5,
  metricHoursShare: { city: 0.25, province: 0.6 },
  alarms: 38,
  dashboards: 1,
  /** WAF (global only): one web ACL, 2 managed rule groups + 1 rate rule. */
  wafRules: 3,
  /** Lambda memory (cdk/constructs/app-function.ts 512 MB default; ComputeResults 1024 MB). */
  apiGb: 0.5,
  resultsGb: 1,
  /** CNY per USD, to fill China prices not found (an assumption: the rate moves, and China prices are set on their own). */
  cnyPerUsd: 7.2,
};

type Price = { value: number; source: string; confirmed: boolean };
const p = (value: number, source: string, confirmed = true): Price => ({ value, source, confirmed });
const usd = {
  apiPerM: p(1.0, 'docs.aws.amazon.com/whitepapers/latest/best-practices-api-gateway-private-apis-integration/cost-optimization.html (HTTP APIs, first 300 M, us-east-1)'),
  lambdaReqPerM: p(0.2, 'aws.amazon.com/cn/blogs/china/new-for-aws-lambda-1ms-billing-granularity-adds-cost-savings (0.20 USD per million requests)'),
  lambdaGbS: p(0.0000133334, 'cloudchipr.com/blog/aws-lambda-pricing (Arm, first 7.5 bn GB-s, us-east-1; third-party page)'),
  ddbWruPerM: p(0.625, 'airbyte.com/data-engineering-resources/dynamodb-pricing (on-demand WRU, us-east-1; third-party page, after the 2024 on-demand price cut)'),
  ddbRruPerM: p(0.125, 'same page (on-demand RRU)'),
  ddbGbMonth: p(0.25, 'aws.amazon.com/dynamodb/pricing/ ("$0.25 per GB-month", first 25 GB free)'),
  pitrGbMonth: p(0.2, 'not found; assumed the commonly quoted us-east-1 figure', false),
  sfnPerK: p(0.025, 'aws.amazon.com/step-functions/pricing/ ($0.025 per 1,000 transitions, 4,000 free a month)'),
  s3GbMonth: p(0.023, 'deepeshsoni.com/archives/256 (S3 Standard first 50 TB, us-east-1; third-party page)'),
  s3PutPerK: p(0.005, 'cloudkaramchari.com (per 1,000 PUT; its figure is an example)', false),
  s3GetPerK: p(0.0004, 'not found; assumed the commonly quoted us-east-1 figure', false),
  cfGb: p(0.085, 'aws.amazon.com/cloudfront/pricing (first 10 TB, US; always free 1 TB and 10 M requests a month)'),
  logsIngestGb: p(0.5, 'c3x.dev/blog/cloudwatch-logs-cost-optimization (us-east-1; third-party page; 5 GB free per aws.amazon.com/cloudwatch/pricing/)'),
  logsStoreGbMonth: p(0.03, 'same page'),
  metricMonth: p(0.3, 'c3x.dev/blog/aws-cloudwatch-metrics-cost (first 10,000 metrics; third-party page)'),
  alarmMonth: p(0.1, 'same page'),
  dashboardMonth: p(3, 'same page'),
  cognitoPlusMau: p(0.02, 'aws.amazon.com/cognito/pricing/ as transcribed by api-evangelist/amazon-cognito plans (2026-09-20): Plus $0.020, no free tier'),
  cognitoEssentialsMau: p(0.015, 'same: Essentials $0.015 above 10,000 free MAU'),
  cognitoLiteMau: p(0.0055, 'same: Lite $0.0055 above 10,000 free MAU'),
  wafAclMonth: p(5, 'c3x.dev/blog/aws-waf-cost-explained; AWS blog "Cost-effective ways for securing your web applications using AWS WAF" (same in all regions)'),
  wafRuleMonth: p(1, 'same'),
  wafPerM: p(0.6, 'same'),
};
const cnyFromUsd = (x: Price, what: string): Price => p(x.value * A.cnyPerUsd, `not found: ${what} assumed at the global price × ${A.cnyPerUsd}`, false);
const cny = {
  apiPerM: cnyFromUsd(usd.apiPerM, 'API Gateway HTTP API'),
  lambdaReqPerM: cnyFromUsd(usd.lambdaReqPerM, 'Lambda requests'),
  lambdaGbS: cnyFromUsd(p(0.0000166667, 'x86'), 'Lambda x86 GB-s (China deploys x86_64)'),
  ddbWruPerM: p(11.1538, 'amazonaws.cn/en/dynamodb/pricing/ (on-demand write requests, Beijing and Ningxia)'),
  ddbRruPerM: p(11.1538 / 5, 'not found: read requests assumed at 1/5 of the write price, the global ratio', false),
  ddbGbMonth: cnyFromUsd(usd.ddbGbMonth, 'DynamoDB storage'),
  pitrGbMonth: cnyFromUsd(usd.pitrGbMonth, 'PITR'),
  sfnPerK: cnyFromUsd(usd.sfnPerK, 'Step Functions'),
  s3GbMonth: cnyFromUsd(usd.s3GbMonth, 'S3 Standard'),
  s3PutPerK: cnyFromUsd(usd.s3PutPerK, 'S3 PUT'),
  s3GetPerK: cnyFromUsd(usd.s3GetPerK, 'S3 GET'),
  cfGb: cnyFromUsd(usd.cfGb, 'CloudFront (NWCD) data transfer; no always-free tier assumed'),
  logsIngestGb: cnyFromUsd(usd.logsIngestGb, 'CloudWatch Logs ingestion'),
  logsStoreGbMonth: cnyFromUsd(usd.logsStoreGbMonth, 'CloudWatch Logs storage'),
  metricMonth: p(2.0, 'amazonaws.cn/cloudwatch/pricing (custom metrics, first 10,000: ¥2.0000 a metric-month)'),
  alarmMonth: p(0.622, 'same page (standard-resolution alarm metric)'),
  dashboardMonth: cnyFromUsd(usd.dashboardMonth, 'CloudWatch dashboard'),
};
type Prices = typeof usd;

type Usage = {
  apiRequests: number; lambdaInvocations: number; lambdaGbS: number; rru: number; wru: number; storedGb: number;
  transitions: number; s3Gb: number; s3Puts: number; s3Gets: number; cfGb: number; cfRequests: number; logGb: number; mau: number; metricShare: number;
};

function usage(units: number, regions: number, scale: 'city' | 'province'): Usage {
  const bureau = scale === 'city' ? A.bureauRequestsCity : A.bureauRequestsCity + (regions - 1) * A.bureauRequestsCounty;
  const unitRequests = units * (A.readsPerUnitYear + A.writesPerUnitYear);
  const publicRequests = A.publicRequestsCity * (units / 300);
  const apiRequests = unitRequests + bureau + publicRequests;
  const writes = units * A.writesPerUnitYear + bureau * 0.2;
  const reads = apiRequests - writes;
  const cities = units / 300;
  const resultsRuns = A.resultsRunsPerYear * regions;
  const dailyRuns = 365 * regions;
  const people = units * A.peoplePerUnit + (scale === 'city' ? A.othersPerCity : A.othersPerCity + (regions - 1) * A.othersPerCountyRegion);
  const b = M.bytes;
  const goals = units * 50;
  const items: [number, number][] = [
    [goals, b.GOAL], [goals, b.WARN], [units * 12 * 51, b.PROGRESS], [goals + units, b.SELF], [goals, b.SCORE], [units, b.RESULT],
    [units * 2, b.CLAIM], [units, b.FEEDBACK], [units * A.tasksPerUnit, b.TASK], [writes, b.AUDIT], [writes * A.noticesPerWrite, b.NOTICE],
  ];
  // 100 bytes of overhead per item; warnings, queue entries, scores and results also sit in an index (projection ALL): +1 copy of those.
  const tableBytes = items.reduce((s, [n, size]) => s + n * (size + 100), 0);
  const indexBytes = goals * (b.WARN + 100) * 2 + goals * (b.SCORE + 100) + units * (b.RESULT + 100) + units * 12 * (b.PROGRESS + 100);
  const evidenceFiles = units * A.evidenceFilesPerUnit;
  const sessions = people * A.activeShare * A.sessionsPerPersonYear + publicRequests / 3;
  return {
    apiRequests,
    lambdaInvocations: apiRequests + resultsRuns + dailyRuns + regions * A.transitionsPerRegionYear * 0.3,
    lambdaGbS: apiRequests * M.handlerSecondsPerRequest * A.apiGb + resultsRuns * M.resultsRunSeconds * cities / regions * A.resultsGb + dailyRuns * M.dailySeconds * A.apiGb,
    rru: reads * M.rcuPerRead + writes * M.rcuPerWrite + A.assessorListViewsCity * cities * M.assessorListRcu + resultsRuns * M.resultsRunRcu * (cities / regions),
    wru: writes * M.wcuPerWrite + goals * A.recoloursPerGoalYear * A.wcuPerRecolour + resultsRuns * M.resultsRunWcu * (cities / regions),
    storedGb: (tableBytes + indexBytes) / 1e9,
    transitions: regions * A.transitionsPerRegionYear,
    s3Gb: (evidenceFiles * A.evidenceMb) / 1e3,
    s3Puts: evidenceFiles,
    s3Gets: evidenceFiles * A.evidenceGetsPerFile,
    cfGb: (people * A.siteMbFirst + sessions * A.siteMbLater) / 1e3,
    cfRequests: sessions * A.cfRequestsPerSession,
    logGb: ((apiRequests + resultsRuns * 50 + dailyRuns * 20) * M.logBytesPerRequest) / 1e9,
    mau: people * A.activeShare,
    metricShare: A.metricHoursShare[scale],
  };
}

type Line = [service: string, usage: string, cost: number];
/** A year's bill, service by service. Storage GB-months: the year's data held a whole year (the next year adds its own). */
function bill(u: Usage, pr: Prices | typeof cny, partition: 'global' | 'cn'): Line[] {
  const g = partition === 'global';
  const q = pr as Record<string, Price>;
  const v = (k: string) => q[k]!.value;
  const freeMonthly = (perMonth: number, free: number) => Math.max(0, perMonth - free) * 12;
  const lines: Line[] = [
    ['API Gateway (HTTP API)', `${(u.apiRequests / 1e6).toFixed(2)} M requests`, (u.apiRequests / 1e6) * v('apiPerM')],
    ['Lambda', `${(u.lambdaInvocations / 1e6).toFixed(2)} M invocations, ${Math.round(u.lambdaGbS).toLocaleString('en')} GB-s`, (u.lambdaInvocations / 1e6) * v('lambdaReqPerM') + u.lambdaGbS * v('lambdaGbS')],
    ['DynamoDB requests (on-demand)', `${(u.rru / 1e6).toFixed(1)} M RRU, ${(u.wru / 1e6).toFixed(1)} M WRU`, (u.rru / 1e6) * v('ddbRruPerM') + (u.wru / 1e6) * v('ddbWruPerM')],
    ['DynamoDB storage + PITR', `${u.storedGb.toFixed(2)} GB held 12 months`, (g ? Math.max(0, u.storedGb - 25) : u.storedGb) * 12 * v('ddbGbMonth') + u.storedGb * 12 * v('pitrGbMonth')],
    ['Step Functions', `${u.transitions.toLocaleString('en')} transitions`, g ? freeMonthly(u.transitions / 12, 4_000) / 1e3 * v('sfnPerK') : (u.transitions / 1e3) * v('sfnPerK')],
    ['S3 (evidence)', `${u.s3Gb.toFixed(0)} GB (avg half held), ${(u.s3Puts / 1e3).toFixed(0)} k PUT, ${(u.s3Gets / 1e3).toFixed(0)} k GET`, (u.s3Gb / 2) * 12 * v('s3GbMonth') + (u.s3Puts / 1e3) * v('s3PutPerK') + (u.s3Gets / 1e3) * v('s3GetPerK')],
    ['CloudFront (site)', `${u.cfGb.toFixed(0)} GB, ${(u.cfRequests / 1e6).toFixed(1)} M requests`, g ? freeMonthly(u.cfGb / 12, 1_000) * v('cfGb') : u.cfGb * v('cfGb')],
    ['CloudWatch Logs', `${u.logGb.toFixed(1)} GB ingested, kept 13 months`, Math.max(0, u.logGb - 60) * v('logsIngestGb') + u.logGb * 13 * v('logsStoreGbMonth')],
    ['CloudWatch metrics, alarms, dashboard', `${A.customMetrics} metrics × ${Math.round(u.metricShare * 100)} % of hours, ${A.alarms} alarms`, (A.customMetrics * u.metricShare * v('metricMonth') + A.alarms * v('alarmMonth') + A.dashboards * v('dashboardMonth')) * 12],
  ];
  if (g) {
    lines.push(['Cognito (Plus, as deployed)', `${Math.round(u.mau).toLocaleString('en')} MAU a month`, u.mau * v('cognitoPlusMau') * 12]);
    lines.push(['WAF (site)', `1 ACL, ${A.wafRules} rules, ${(u.cfRequests / 1e6).toFixed(1)} M requests`, (v('wafAclMonth') + A.wafRules * v('wafRuleMonth')) * 12 + (u.cfRequests / 1e6) * v('wafPerM')]);
  } else {
    lines.push(['Identity (OIDC issuer; no Cognito)', 'outside the AWS bill', 0]);
    lines.push(['WAF', 'none (not offered for HTTP API / CloudFront there)', 0]);
  }
  return lines;
}

const money = (x: number, cur: string) => `${cur}${x < 10 ? x.toFixed(2) : Math.round(x).toLocaleString('en')}`;
for (const [label, units, regions, scale] of [['city-year (300 units × 50 goals)', 300, 1, 'city'], ['province-year (125 regions, 7,000 units, 350,000 goals)', 7_000, 125, 'province']] as const) {
  const u = usage(units, regions, scale);
  const gl = bill(u, usd, 'global');
  const cn = bill(u, cny, 'cn');
  console.log(`\n### ${label}\n`);
  console.log('| service | usage | global us-east-1 (USD) | China Ningxia (CNY) |\n|---|---|---|---|');
  gl.forEach(([s, use, c], i) => console.log(`| ${s} | ${use} | ${money(c, '$')} | ${cn[i]![0] === s ? money(cn[i]![2], '¥') : `${cn[i]![0]}: ${money(cn[i]![2], '¥')}`} |`));
  const tg = gl.reduce((s, l) => s + l[2], 0);
  const tc = cn.reduce((s, l) => s + l[2], 0);
  console.log(`| **total** | | **${money(tg, '$')}** | **${money(tc, '¥')}** |`);
  const lite = u.mau > 10_000 ? (u.mau - 10_000) * usd.cognitoLiteMau.value * 12 : 0;
  const essentials = u.mau > 10_000 ? (u.mau - 10_000) * usd.cognitoEssentialsMau.value * 12 : 0;
  console.log(`\nCognito with another feature plan: Essentials ${money(essentials, '$')}, Lite ${money(lite, '$')} a year (10,000 MAU free on both).`);
}
console.log('\n### prices\n\n| price | global (USD) | source | China (CNY) | source |\n|---|---|---|---|---|');
for (const k of Object.keys(usd) as (keyof typeof usd)[]) {
  const c = (cny as Record<string, Price>)[k];
  const mark = (x: Price) => (x.confirmed ? x.source : `**unconfirmed** — ${x.source}`);
  console.log(`| ${k} | ${usd[k].value} | ${mark(usd[k])} | ${c ? +c.value.toPrecision(4) : '—'} | ${c ? mark(c) : 'not offered / not used in China'} |`);
}

// Walks the whole route table: every route has its contract (path, answer and, where it takes them,
// query and body schemas); every signed-in GET answers the demo data in the shape its contract
// states (the chain refuses to send an answer that breaks it); and a malformed path id, query value
// or page cursor is a 400 that names the field, on every route where it can occur.
import { beijingDate } from '../../functions/domain/dates.ts';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEvidenceStore, type EvidenceStore } from '../../cdk/local/evidence-store.ts';
import { DEMO_RECTIFY_FILE } from '../../cdk/local/seed-rectification.ts';
import { seedDemo } from '../../cdk/local/seed.ts';
import { demoProgress } from '../../cdk/local/seed-progress.ts';
import { GROUPS, routes, type Group, type Route } from '../../functions/http/routes.ts';
import type { Caller, Role } from '../../functions/domain/roles.ts';
import { apiEvent, lambdaContext } from '../helpers/events.ts';
import { useFreshTable } from '../helpers/table.ts';
import { pathIdsOf, samplePathIds } from '../helpers/route-samples.ts';
import { demoClaimFiles } from '../../cdk/local/seed-claims.ts';
import { demoSelfAssessments } from '../../cdk/local/seed-self.ts';
import { demoFeedback } from '../../cdk/local/seed-feedback.ts';
import { DEMO_REVIEW_FILE } from '../../cdk/local/seed-reviews.ts';

type Handler = (event: APIGatewayProxyEventV2WithJWTAuthorizer, context: typeof lambdaContext) => Promise<unknown>;
const handlers = {} as Record<Group, Handler>;

/** A demo account of each role in 玉林市. */
const callerOf: Record<Role, Caller> = {
  bureau_leader: { username: 'yl_leader', name: '李明华', role: 'bureau_leader', regionId: '450900', unitId: 'yl-jxb' },
  bureau_staff: { username: 'yl_staff', name: '王芳', role: 'bureau_staff', regionId: '450900', unitId: 'yl-jxb' },
  assessor_staff: { username: 'yl_tjj', name: '陈志强', role: 'assessor_staff', regionId: '450900', unitId: 'yl-tjj' },
  unit_leader: { username: 'yuzhou_leader', name: 'yuzhou_leader', role: 'unit_leader', regionId: '450900', unitId: 'yl-yuzhou' },
  unit_staff: { username: 'yuzhou_staff', name: '张晓燕', role: 'unit_staff', regionId: '450900', unitId: 'yl-yuzhou' },
  third_party: { username: 'yl_third', name: '覃思远', role: 'third_party', regionId: '450900', unitId: 'yl-sqmy' },
  system_admin: { username: 'yl_sysadmin', name: '韦国栋', role: 'system_admin', regionId: '450900', unitId: 'yl-jxb' },
  security_admin: { username: 'yl_secadmin', name: '莫丽萍', role: 'security_admin', regionId: '450900', unitId: 'yl-jxb' },
  audit_admin: { username: 'yl_auditor', name: '覃永红', role: 'audit_admin', regionId: '450900', unitId: 'yl-jxb' },
  // No demo account waits for a role; no route names 待授权 first, so this one is never sent.
  unassigned: { username: 'yl_newcomer', name: '新同事', role: 'unassigned', regionId: '450900', unitId: 'yl-jxb' },
};
/** Path ids that exist in the demo data. */
/** Queries a route needs to answer at all. */
const sampleQuery: Record<string, Record<string, string>> = {
  listAudit: { month: beijingDate(Date.now()).slice(0, 7) },
  workingDeadline: { from: '2026-03-02', days: '10' },
};
/** Path ids a route needs beyond the samples: a demo evidence file of an approved 2026 report (cdk/local/seed-progress.ts). */
const demoFile = demoProgress(beijingDate(Date.now())).evidence.find((e) => e.regionId === '450900' && e.cycleId === '2026' && e.assessorUnitId === 'yl-tjj')!;
const fileIds = { unitId: demoFile.unitId, period: demoFile.period, indicatorId: demoFile.indicatorId, fileId: demoFile.fileId };
/** Demo bonus and deduction files of 2025 (cdk/local/seed-claims.ts): 玉州区's own, and the one 市统计局 raised. */
const claimFiles = demoClaimFiles(new Date().toISOString());
const claimFile = (kind: string) => (({ cycleId, unitId, claimId, fileId }) => ({ cycleId, unitId, claimId, fileId }))(claimFiles.find((f) => f.kind === kind && (kind === 'bonus' || f.raiserUnitId === 'yl-tjj'))!);
/** A demo 2025 self-assessment file of 玉州区, on an indicator 市统计局 assesses (cdk/local/seed-self.ts); the set is confirmed, so the assessor unit reads it. */
const selfFile = (({ cycleId, unitId, indicatorId, fileId }) => ({ cycleId, unitId, indicatorId, fileId }))(demoSelfAssessments().withFiles.find((f) => f.unitId === 'yl-yuzhou')!);
const selfSet = { cycleId: selfFile.cycleId, unitId: selfFile.unitId };
/** A demo 2026 feedback file (cdk/local/seed-feedback.ts): the sender's evidence of an item of 玉林市. */
const feedbackFile = (({ cycleId, unitId, feedbackId, fileId }) => ({ cycleId, unitId, feedbackId, fileId }))(demoFeedback(new Date().toISOString()).files.find((f) => f.cycleId === '2026')!);
const sampleParams: Record<string, Record<string, string>> = { downloadFeedbackEvidence: feedbackFile, downloadEvidence: fileIds, downloadAssessedEvidence: fileIds, downloadClaimEvidence: claimFile('bonus'), downloadDeductionEvidence: claimFile('deduction'), getAssessedSelfAssessment: selfSet, downloadSelfEvidence: selfFile, downloadAssessedSelfEvidence: selfFile, downloadReviewEvidence: { ...DEMO_REVIEW_FILE }, readEligibility: { cycleId: '2025' }, getUnitReport: { cycleId: '2025' }, downloadRectificationEvidence: { ...DEMO_RECTIFY_FILE } };
const namesIn = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
const callerFor = (r: Route) => (r.access.public ? undefined : callerOf[r.access.roles[0]!]);

/** A results consumer's key (registered in beforeAll): the key routes that read take one, not a token. */
let resultsKey = '';
async function send(r: Route, opts: Parameters<typeof apiEvent>[1]) {
  const event = apiEvent(r, opts);
  if (r.access.public && r.access.key === 'results') event.headers = { 'x-feed-key': resultsKey };
  const res = (await handlers[r.group](event, lambdaContext)) as { statusCode: number; body: string };
  return { status: res.statusCode, body: JSON.parse(res.body) as { error?: { details?: { path: string }[] } } };
}
const fieldsOf = (body: { error?: { details?: { path: string }[] } }) => (body.error?.details ?? []).map((d) => d.path);

let evidence: EvidenceStore;
beforeAll(async () => {
  await useFreshTable();
  // The evidence downloads sign URLs for the local store, as on the local stack.
  evidence = await startEvidenceStore();
  process.env.S3_ENDPOINT = evidence.endpoint;
  process.env.EVIDENCE_BUCKET = evidence.bucket;
  await seedDemo(new Date().toISOString());
  for (const g of GROUPS) handlers[g] = (await import(`../../functions/handlers/api/${g}.ts`)).handler as Handler;
  const register = routes.find((r) => r.op === 'createResultsConsumer')!;
  resultsKey = ((await send(register, { caller: callerFor(register), params: { regionId: samplePathIds.regionId! }, body: { name: '市委组织部干部考核系统', cycleId: '2025' } })).body as unknown as { key: string }).key;
}, 60_000);
afterAll(async () => evidence?.stop());

describe('every route has its contract', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (_, r) => {
    expect(r.params, 'path schema').toBeDefined();
    expect(Object.keys(r.params!.shape).sort()).toEqual(namesIn(r.path).sort());
    expect(r.output, 'answer schema').toBeDefined();
    if (r.method !== 'GET') expect(r.body, 'body schema').toBeDefined();
  });
});

describe('every GET answers the demo data in its contract’s shape', () => {
  it.each(routes.filter((r) => r.method === 'GET').map((r) => [`${r.method} ${r.path}`, r] as const))('%s', async (_, r) => {
    const res = await send(r, { caller: callerFor(r), params: pathIdsOf(r.path, sampleParams[r.op]), query: sampleQuery[r.op] });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
});

describe('a malformed path id is a 400 naming it', () => {
  const cases = routes.flatMap((r) => namesIn(r.path).flatMap((n) => [
    [`${r.method} ${r.path} · ${n} of 3,000 characters`, r, n, 'x'.repeat(3_000)] as const,
    [`${r.method} ${r.path} · ${n} with a prefix of another id`, r, n, `${samplePathIds[n]}#`] as const,
  ]));
  it.each(cases)('%s', async (_, r, name, value) => {
    const params = { ...pathIdsOf(r.path), [name]: value };
    const res = await send(r, { caller: callerFor(r), params, query: sampleQuery[r.op] });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain(`params.${name}`);
  });
});

describe('a malformed query value or cursor is a 400 naming it', () => {
  const paged = routes.filter((r) => r.query && 'shape' in r.query && 'cursor' in (r.query as { shape: object }).shape);
  it('finds the paged routes', () => expect(paged.map((r) => r.op).sort()).toEqual(expect.arrayContaining(['listAudit', 'listNotices'])));
  it.each(paged.flatMap((r) => ['abc', Buffer.from(JSON.stringify({ k: { pk: 'AUDIT#450981#2026-01', sk: 'x' }, b: 'forged' })).toString('base64url'), '%%%'].map((c) => [`${r.op} cursor ${c.slice(0, 12)}`, r, c] as const)))(
    '%s',
    async (_, r, cursor) => {
      const res = await send(r, { caller: callerFor(r), params: pathIdsOf(r.path), query: { ...sampleQuery[r.op], cursor } });
      expect(res.status).toBe(400);
      expect(fieldsOf(res.body)).toContain('query.cursor');
    },
  );
  it.each(paged.map((r) => [r.op, r] as const))('%s limit=abc', async (_, r) => {
    const res = await send(r, { caller: callerFor(r), params: pathIdsOf(r.path), query: { ...sampleQuery[r.op], limit: 'abc' } });
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toContain('query.limit');
  });
});

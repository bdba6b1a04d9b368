// Path ids every route walker fills in: ids that exist in the demo data, valid to each route's schema,
// so a walker's request reaches the role and scope checks (a placeholder left unfilled would be a 400).
export const samplePathIds: Readonly<Record<string, string>> = {
  regionId: '450900',
  cycleId: '2026',
  year: '2026',
  unitId: 'yl-yuzhou',
  categoryId: 'c1',
  username: 'yuzhou_staff',
  indicatorId: '1.1',
  taskId: 't1',
  stage: 'goal_setting',
  adjustmentId: '00000000-0000-4000-8000-000000000000',
  systemId: 'aaaaaaaaaaaaaaaa',
  feedbackId: '00000000-0000-4000-8000-000000000001',
  period: '2026-11',
  fileId: 'aaaaaaaaaaaaaaaaaaaa',
  claimId: '00000000-0000-4000-8000-000000000002',
  vetoRecordId: '00000000-0000-4000-8000-000000000003',
  complaintId: '00000000-0000-4000-8000-000000000007',
  decisionId: '00000000-0000-4000-8000-000000000005',
  reopenId: '00000000-0000-4000-8000-000000000006',
  reviewId: '00000000-0000-4000-8000-000000000004',
  runId: '20260101T000000000Z-00000000',
  noticeNumber: '1',
  problemId: 'score:1.1',
  fromCycleId: '2025',
};

/** The route's path with its ids filled: the samples, overridden where given; an id with no sample fails the walker loudly. */
export function fillPath(path: string, overrides: Record<string, string> = {}): string {
  const values = { ...samplePathIds, ...overrides };
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no sample for path id {${name}} in ${path}: add one to test/helpers/route-samples.ts`);
    return encodeURIComponent(value);
  });
}

/** The route's path ids as the handler receives them. */
export const pathIdsOf = (path: string, overrides: Record<string, string> = {}) =>
  Object.fromEntries([...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name!, decodeURIComponent(fillPath(`{${name}}`, overrides))]));

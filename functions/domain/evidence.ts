// Evidence files (佐证材料) of progress reports: where an object lives in the evidence bucket. The key
// names the region, cycle, unit, goal and period, so a signed URL reaches only that report's files,
// and a file an item references must sit under the item's own scope.

export interface EvidenceScope {
  regionId: string;
  cycleId: string;
  unitId: string;
  indicatorId: string;
  period: string;
}

export const evidenceObjectKey = (s: EvidenceScope, fileId: string) => `evidence/${s.regionId}/${s.cycleId}/${s.unitId}/${s.indicatorId}/${s.period}/${fileId}`;

/**
 * Evidence of a unit's bonus and deduction items (functions/data/claims.ts): `_claims` stands where an
 * indicator would, and no indicator code begins with `_` (contracts/paths.ts goalPath), so the two never meet.
 */
export const claimEvidenceObjectKey = (s: Omit<EvidenceScope, 'indicatorId' | 'period'>, fileId: string) => `evidence/${s.regionId}/${s.cycleId}/${s.unitId}/_claims/${fileId}`;

/**
 * Evidence of a feedback item (Art 14; functions/data/feedback.ts): the sender's, and the unit's answer
 * and result. `_feedback` stands where an indicator would (no indicator code begins with `_`).
 */
export const feedbackEvidenceObjectKey = (s: Omit<EvidenceScope, 'indicatorId' | 'period'>, fileId: string) => `evidence/${s.regionId}/${s.cycleId}/${s.unitId}/_feedback/${fileId}`;

/** Evidence of a rectification plan (Art 25; functions/data/rectification.ts): `_rectify` where an indicator would be. */
export const rectificationEvidenceObjectKey = (s: Omit<EvidenceScope, 'indicatorId' | 'period'> & { problemId: string }, fileId: string) =>
  `evidence/${s.regionId}/${s.cycleId}/${s.unitId}/_rectify/${s.problemId}/${fileId}`;

/** How long a signed URL stays good: long enough for a 20 MB upload on a slow line, short enough to be useless when shared. */
export const UPLOAD_URL_SECONDS = 15 * 60;
export const DOWNLOAD_URL_SECONDS = 5 * 60;

/** A Content-Disposition that downloads under the file's own name (RFC 5987 for Chinese names). */
export const attachment = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

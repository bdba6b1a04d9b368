// 结果运用 (Art 28–29): reward eligibility from the published notice, and consuming systems' keys.
import { resultsUseRoutes, type CreateResultsConsumerBody } from '@shared/contracts/results-use.ts';
import { call } from './call';

export type { EligibilityRow, EligibilityView } from '@shared/contracts/results-use.ts';

export const getEligibilityApi = (p: { regionId: string; cycleId: string }) => call(resultsUseRoutes.getEligibility, { params: p });
export const createResultsConsumerApi = (regionId: string, body: CreateResultsConsumerBody) => call(resultsUseRoutes.createResultsConsumer, { params: { regionId }, body }, { silent: true });

// Shapes the API answers with, taken from the route contracts (functions/contracts): declared once.
import type { CallOutput } from '@shared/contracts/define.ts';
import type { accountRoutes } from '@shared/contracts/account.ts';
import type { publicRoutes } from '@shared/contracts/public.ts';
import type { CycleView } from '@shared/model/cycle.ts';

export type { CreateCycleBody, AdvanceStageBody } from '@shared/contracts/cycles.ts';
export type { CycleView, TimelineEntry } from '@shared/model/cycle.ts';
export type { Region, Notice, AuditEntry } from '@shared/model/region.ts';
export type { Role } from '@shared/domain/roles.ts';
export type { StageCode, StageState } from '@shared/domain/stages.ts';

export type { Page } from '@shared/contracts/define.ts';

export type Me = CallOutput<typeof accountRoutes.me>;
/** Who signed in, as the local sign-in answers (the profile's fields the portal needs). */
export type SessionUser = Pick<Me, 'username' | 'name' | 'role' | 'regionId' | 'unitId'>;
export type PublicCycleView = CallOutput<typeof publicRoutes.listRegionCycles>['items'][number];
export type { DevClockState as DevClock } from '@shared/contracts/local.ts';
/** A cycle as the timeline components show it: signed in (with who did what) or public (without). */
export type ShownCycle = Omit<CycleView, 'createdBy'>;

// Shapes the API answers with. Stage entries come from the shared domain module.
import type { Role } from '@shared/domain/roles.ts';
import type { TimelineEntry } from '@shared/domain/stages.ts';

export type { CreateCycleBody, AdvanceStageBody } from '@shared/http/schemas.ts';
export type { Role } from '@shared/domain/roles.ts';
export type { StageCode, StageState, TimelineEntry } from '@shared/domain/stages.ts';

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface SessionUser {
  username: string;
  name: string;
  role: Role;
  regionId: string;
  unitId: string;
}

export interface Me extends SessionUser {
  roleName: string;
  regionName?: string;
  unitName?: string;
}

export interface CycleView {
  regionId: string;
  cycleId: string;
  year: number;
  name: string;
  currentStage: number;
  status: 'open' | 'closed';
  createdAt: string;
  createdBy: string;
  closedAt?: string;
  version: number;
  stages: TimelineEntry[];
}

export interface Region {
  regionId: string;
  name: string;
  parentId?: string;
  bureauUnitId: string;
}

export interface Notice {
  id: string;
  at: string;
  kind: string;
  title: string;
  body: string;
  link?: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
}

export interface DevClock {
  now: string;
  offsetMs: number;
}

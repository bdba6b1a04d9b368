// The plan of a category (indicator tree and rules) and its versions.
import type { CategoryPlan } from '@shared/domain/plan.ts';
import type { RowError } from '@shared/domain/plan-rows.ts';
import type { FieldProblem, TotalRules } from '@shared/domain/scoring/index.ts';
import { http, request } from './http';

export type { CategoryPlan, PlanMethod, PlanNode } from '@shared/domain/plan.ts';

export interface AssessorOption {
  unitId: string;
  name: string;
  shortName?: string;
  type: string;
}

export interface PlanView {
  cycleId: string;
  categoryId: string;
  categoryName: string;
  version: number;
  latestVersion: number;
  revision: number;
  current: boolean;
  editable: boolean;
  reasonRequired: boolean;
  stage: number;
  plan: CategoryPlan;
  balanced: boolean;
  problems: FieldProblem[];
  totalRules: TotalRules;
  reason?: string;
  createdAt?: string;
  createdBy?: string;
  updatedAt?: string;
  updatedBy?: string;
  assessors: AssessorOption[];
}

export interface PlanVersionInfo {
  version: number;
  revision: number;
  balanced: boolean;
  stage: number;
  reason?: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
}

/** A bad cell of an import, as the API reports it. */
export type ImportError = RowError;

const base = (regionId: string, cycleId: string, categoryId: string) =>
  `/regions/${encodeURIComponent(regionId)}/cycles/${encodeURIComponent(cycleId)}/plan/${encodeURIComponent(categoryId)}`;

export const getPlanApi = (regionId: string, cycleId: string, categoryId: string, version?: number) =>
  http.get<PlanView>(base(regionId, cycleId, categoryId), { query: { version } });

export const listPlanVersionsApi = (regionId: string, cycleId: string, categoryId: string) =>
  http.get<{ items: PlanVersionInfo[] }>(`${base(regionId, cycleId, categoryId)}/versions`);

export const savePlanApi = (regionId: string, cycleId: string, categoryId: string, body: { revision: number; reason?: string; plan: CategoryPlan }) =>
  request<PlanView>('PUT', base(regionId, cycleId, categoryId), { body, silent: true });

export const importPlanApi = (regionId: string, cycleId: string, categoryId: string, body: { revision: number; reason?: string; rows: string[][] }) =>
  http.post<PlanView>(`${base(regionId, cycleId, categoryId)}/import`, body, { silent: true });

// The route table: the one list of API routes. CDK builds the HTTP API from it, the local gateway
// serves from it, and the security tests walk it. Paths use API Gateway syntax.
import { contracts } from '../contracts/index.ts';
import type { RouteContract } from '../contracts/define.ts';

export { GROUPS, type Access, type Group } from '../contracts/define.ts';

/** A route of the table: its contract and the operation (the contract's key) that serves it. */
export interface Route extends Omit<RouteContract, 'params' | 'output'> {
  op: string;
  params?: RouteContract['params'];
  output?: RouteContract['output'];
}

export const routes: readonly Route[] = Object.entries(contracts).map(([op, c]): Route => ({ ...c, op }));

export const routeKey = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

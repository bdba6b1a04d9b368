// Calls a route by its contract: the path is filled from the contract, and the answer's type is
// the contract's output, so the web never declares an API shape of its own.
import { fillPath, type CallInput, type CallOutput, type RouteContract } from '@shared/contracts/define.ts';
import { request, type Query, type RequestOptions } from './http';

export function call<C extends RouteContract>(
  contract: C,
  input: CallInput<C>,
  options: Omit<RequestOptions, 'query' | 'body'> = {},
): Promise<CallOutput<C>> {
  const { params, query, body } = input as { params?: Record<string, string | number>; query?: Query; body?: unknown };
  return request<CallOutput<C>>(contract.method, fillPath(contract.path, params), {
    ...options,
    query,
    body,
    anonymous: options.anonymous ?? contract.access.public,
  });
}

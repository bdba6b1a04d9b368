// A refusal as one line for the page: the API's message and the fields it names.
import { ApiError } from '@/api/http';

export function errorText(e: unknown): string {
  if (!(e instanceof ApiError)) throw e;
  return [e.message, ...e.details.map((d) => d.message)].join('：');
}

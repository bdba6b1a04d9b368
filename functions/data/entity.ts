// A stored entity: its name, the schema of its attributes and how its keys are built. Items are
// read through `parse`, which drops the key attributes and refuses a malformed item by name and
// key instead of passing it on under a cast.
import type { z } from '../contracts/zod.ts';

/** Attributes that place an item in the table or an index; never part of a record. */
export const KEY_ATTRIBUTES = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'entity'] as const;
export type KeyAttributes = Partial<Record<(typeof KEY_ATTRIBUTES)[number], string>>;

/** A stored item failed its entity's schema: a fault in the data, never the caller's. */
export class StoredItemError extends Error {
  constructor(
    readonly entity: string,
    readonly key: string,
    readonly issues: string[],
  ) {
    super(`stored ${entity} ${key} is malformed: ${issues.join('; ')}`);
    this.name = 'StoredItemError';
  }
}

export interface Entity<S extends z.ZodType> {
  readonly name: string;
  readonly schema: S;
  /** The item to write: the record, its primary key and `entity`, plus any index keys given. */
  item(record: z.input<S>, indexKeys?: KeyAttributes): Record<string, unknown>;
  /** The record an item holds (key attributes dropped), or a StoredItemError. */
  parse(item: Record<string, unknown>): z.output<S>;
  /** Whether an item of a mixed Query belongs to this entity. */
  is(item: Record<string, unknown>): boolean;
}

export function entity<S extends z.ZodType>(name: string, schema: S, key: (record: z.output<S>) => { pk: string; sk: string }): Entity<S> {
  return {
    name,
    schema,
    item: (record, indexKeys = {}) => ({ ...(record as object), ...indexKeys, ...key(record as z.output<S>), entity: name }),
    parse(item) {
      const record: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(item)) if (!(KEY_ATTRIBUTES as readonly string[]).includes(k)) record[k] = v;
      const where = `${String(item.pk)} ${String(item.sk)}`;
      if (item.entity !== undefined && item.entity !== name) throw new StoredItemError(name, where, [`entity is ${String(item.entity)}`]);
      const result = schema.safeParse(record);
      if (!result.success) throw new StoredItemError(name, where, result.error.issues.map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`));
      return result.data;
    },
    is: (item) => item.entity === name,
  };
}

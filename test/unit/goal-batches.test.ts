// How a batch of goal writes (an assessor's whole table, a sheet import) is packed into transactions:
// each unit whole in one (its set and its goals), as few transactions as DynamoDB's 100 items allow
// beside the stage check and the audit entry with its chain head.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packUnits } from '../../functions/data/assessor-goals.ts';

const unit = (goals: number) => ({ goals: Array.from({ length: goals }, (_, i) => i) });

describe('packing units into transactions', () => {
  it('puts 48 one-goal units in a transaction (96 items + 3), the 49th in the next', () => {
    expect(packUnits(Array.from({ length: 48 }, () => unit(1))).map((c) => c.length)).toEqual([48]);
    expect(packUnits(Array.from({ length: 100 }, () => unit(1))).map((c) => c.length)).toEqual([48, 48, 4]);
  });
  it('keeps a unit of 96 goals whole in its own transaction and refuses a larger one', () => {
    expect(packUnits([unit(2), unit(96), unit(3)]).map((c) => c.map((u) => u.goals.length))).toEqual([[2], [96], [3]]);
    expect(() => packUnits([unit(97)])).toThrow(/96/);
  });
  it('never exceeds 97 items, keeps the order, uses no more transactions than greedy packing needs', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 96 }), { maxLength: 200 }), (sizes) => {
        const units = sizes.map(unit);
        const chunks = packUnits(units);
        expect(chunks.flat()).toEqual(units);
        for (const c of chunks) expect(c.reduce((n, u) => n + 1 + u.goals.length, 0)).toBeLessThanOrEqual(97);
        const items = units.reduce((n, u) => n + 1 + u.goals.length, 0);
        expect(chunks.length).toBeGreaterThanOrEqual(Math.ceil(items / 97));
        // Two neighbouring transactions could not have been one.
        for (let i = 1; i < chunks.length; i++) expect(chunks[i - 1]!.reduce((n, u) => n + 1 + u.goals.length, 0) + 1 + chunks[i]![0]!.goals.length).toBeGreaterThan(97);
      }),
    );
  });
});

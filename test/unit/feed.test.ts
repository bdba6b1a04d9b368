// Feeding systems' keys (format, hash, constant-time check) and the rules of a feed call (grants,
// repeated rows, what a fed value makes of the unit's item).
import { describe, expect, it } from 'vitest';
import { fedOf, outsideGrant, repeatedRows, sameFed, withFed } from '../../functions/domain/feed.ts';
import { feedKeyHint, feedSecretMatches, hashFeedSecret, newFeedKey, newFeedSystemId, parseFeedKey } from '../../functions/identity/feed-keys.ts';

describe('feed keys', () => {
  it('makes ids of 16 base32 characters, all different', () => {
    const ids = Array.from({ length: 500 }, newFeedSystemId);
    for (const id of ids) expect(id).toMatch(/^[a-z2-7]{16}$/);
    expect(new Set(ids).size).toBe(500);
  });

  it('makes a key pmf_<id>_<secret> of 256 random bits, and stores only the SHA-256 of the secret', () => {
    const id = newFeedSystemId();
    const { key, hash } = newFeedKey(id);
    expect(key.startsWith(`pmf_${id}_`)).toBe(true);
    const secret = key.slice(`pmf_${id}_`.length);
    expect(Buffer.from(secret, 'base64url')).toHaveLength(32);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashFeedSecret(secret));
    expect(hash).not.toContain(secret);
    expect(newFeedKey(id).key).not.toBe(key);
  });

  it('parses its own keys (a secret holding _ included) and nothing else', () => {
    const id = newFeedSystemId();
    for (let i = 0; i < 50; i++) {
      const { key } = newFeedKey(id);
      expect(parseFeedKey(key)).toEqual({ id, secret: key.slice(21) });
    }
    const secret = `${'A'.repeat(20)}_${'b'.repeat(22)}`;
    expect(parseFeedKey(`pmf_${id}_${secret}`)).toEqual({ id, secret });
    for (const bad of [undefined, '', 'Bearer x', `pmx_${id}_${'a'.repeat(43)}`, `pmf_${id.toUpperCase()}_${'a'.repeat(43)}`, `pmf_${id}_${'a'.repeat(42)}`, `pmf_${id}_${'a'.repeat(44)}`, `pmf_${id}_${'a'.repeat(42)}=`, `pmf__${'a'.repeat(43)}`, 'x'.repeat(500)]) {
      expect(parseFeedKey(bad), String(bad)).toBeUndefined();
    }
  });

  it('verifies a secret against the stored hash, and refuses another secret or a malformed hash', () => {
    const id = newFeedSystemId();
    const { key, hash } = newFeedKey(id);
    const { secret } = parseFeedKey(key)!;
    expect(feedSecretMatches(secret, hash)).toBe(true);
    const other = parseFeedKey(newFeedKey(id).key)!.secret;
    expect(feedSecretMatches(other, hash)).toBe(false);
    expect(feedSecretMatches(secret, hash.slice(0, 62))).toBe(false);
    expect(feedSecretMatches(secret, '')).toBe(false);
    expect(feedKeyHint(id)).toBe(`pmf_${id}_…`);
  });
});

describe('feed rules', () => {
  const rows = [
    { unitId: 'u1', indicatorId: '1.1', period: '2026-03' },
    { unitId: 'u2', indicatorId: '1.2', period: '2026-03' },
    { unitId: 'u3', indicatorId: '1.1', period: '2026-03' },
    { unitId: 'u1', indicatorId: '1.1', period: '2026-03' },
  ];
  it('names the rows outside a grant of indicators by category, and of units where it names units', () => {
    const grant = (...pairs: [string, string][]) => pairs.map(([categoryId, indicatorId]) => ({ categoryId, indicatorId, categoryName: '', indicatorName: '' }));
    // u1 and u2 are counties (c1), u3 a department (c2), whose 1.1 is another indicator.
    const categoryOf = (u: string) => ({ u1: 'c1', u2: 'c1', u3: 'c2' })[u];
    expect(outsideGrant({ indicators: grant(['c1', '1.1']), unitIds: [] }, rows, categoryOf)).toEqual([1, 2]);
    expect(outsideGrant({ indicators: grant(['c1', '1.1'], ['c1', '1.2'], ['c2', '1.1']), unitIds: ['u1', 'u2'] }, rows, categoryOf)).toEqual([2]);
    expect(outsideGrant({ indicators: grant(['c1', '1.1'], ['c1', '1.2'], ['c2', '1.1']), unitIds: [] }, rows, categoryOf)).toEqual([]);
    // A unit in no category is not a question of the grant (the row is refused on its own).
    expect(outsideGrant({ indicators: grant(['c1', '1.1']), unitIds: [] }, [{ unitId: 'zz', indicatorId: '1.1', period: '2026-03' }], categoryOf)).toEqual([]);
  });
  it('names repeated rows after the first', () => expect(repeatedRows(rows)).toEqual([3]));

  it('makes the fed value the item’s value, a declared empty period giving way, the unit’s text kept', () => {
    const base = { regionId: '450900', cycleId: '2026', unitId: 'u1', period: '2026-05', indicatorId: '1.1', categoryId: 'c1', assessorUnitId: 'a1', status: 'draft' as const };
    const fed = fedOf({ systemId: 's1', name: '统计平台' }, 7, '2026-06-01T00:00:00.000Z');
    expect(withFed(undefined, base, fed, 'feed:s1')).toEqual({ ...base, value: 7, fed, nothingToReport: false, evidence: [], late: false, version: 1, updatedAt: fed.at, updatedBy: 'feed:s1' });
    const declared = { ...base, nothingToReport: true, nothingReason: '本月无统计', narrative: '说明', evidence: [], late: true, version: 4, updatedAt: 'x', updatedBy: 'u' };
    const after = withFed(declared, base, fed, 'feed:s1');
    expect(after).toMatchObject({ value: 7, nothingToReport: false, narrative: '说明', late: true, version: 5 });
    expect('nothingReason' in after).toBe(false);
  });

  it('sees a row that repeats the fed value as unchanged, and the unit’s own value as a change', () => {
    const fed = { value: 5, systemId: 's', systemName: 'n', at: 'x' };
    expect(sameFed({ value: 5, fed }, 5)).toBe(true);
    expect(sameFed({ value: 5, fed }, 6)).toBe(false);
    expect(sameFed({ value: 5, fed: undefined }, 5)).toBe(false);
    expect(sameFed(undefined, 5)).toBe(false);
  });
});

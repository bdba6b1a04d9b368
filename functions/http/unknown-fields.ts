// Fields a request sends that its contract does not name. zod's plain objects drop them silently;
// the API refuses them instead (security.md M10, ASVS 2.2.1: positive validation), so a misspelt or
// smuggled field ("role", "status", "__proto__") is a 400 naming it rather than a write that quietly
// ignores it. Walks the schema alongside the input: objects, arrays, records, unions and every wrapper.
import type { ZodType } from 'zod';

type Path = (string | number)[];
type Def = { type: string; [k: string]: unknown };

const defOf = (s: ZodType): Def => s._zod.def as Def;
const MAX_DEPTH = 40;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The paths of input fields the schema does not declare (empty when there are none). */
export function unknownFields(schema: ZodType, value: unknown, path: Path = []): Path[] {
  // Deeper than any contract nests: the schema itself refuses such a value (or it holds nothing to name).
  if (path.length > MAX_DEPTH) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
    case 'success':
      return value === undefined || value === null ? [] : unknownFields(def.innerType as ZodType, value, path);
    case 'pipe': {
      // A check in front that passes the value on unchanged (the plan tree's depth check): the shape is
      // the output's, walked only once the check has passed (a hostile tree nests thousands deep).
      const input = def.in as ZodType;
      if (defOf(input).type !== 'custom') return unknownFields(input, value, path);
      return input.safeParse(value).success ? unknownFields(def.out as ZodType, value, path) : [];
    }
    case 'lazy':
      return unknownFields((def.getter as () => ZodType)(), value, path);
    case 'object': {
      if (!isPlainObject(value)) return [];
      const shape = def.shape as Record<string, ZodType>;
      const catchall = def.catchall as ZodType | undefined;
      const found: Path[] = [];
      for (const key of Object.keys(value)) {
        const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (field) found.push(...unknownFields(field, value[key], [...path, key]));
        else if (!catchall) found.push([...path, key]);
        else found.push(...unknownFields(catchall, value[key], [...path, key]));
      }
      return found;
    }
    case 'array':
      return Array.isArray(value) ? value.flatMap((v, i) => unknownFields(def.element as ZodType, v, [...path, i])) : [];
    case 'tuple':
      return Array.isArray(value) ? (def.items as ZodType[]).flatMap((s, i) => unknownFields(s, value[i], [...path, i])) : [];
    case 'record':
      return isPlainObject(value) ? Object.entries(value).flatMap(([k, v]) => unknownFields(def.valueType as ZodType, v, [...path, k])) : [];
    case 'union': {
      // The option that takes the value decides; none (the value is refused anyway): nothing to add.
      const option = (def.options as ZodType[]).find((o) => o.safeParse(value).success);
      return option ? unknownFields(option, value, path) : [];
    }
    case 'intersection': {
      // A field is unknown only if neither side declares it.
      const left = unknownFields(def.left as ZodType, value, path).map((p) => p.join('\u0000'));
      return unknownFields(def.right as ZodType, value, path).filter((p) => left.includes(p.join('\u0000')));
    }
    default:
      return [];
  }
}

import { randomUUID } from 'node:crypto';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { findUnstorableText } from '../../api/unstorable-text';
import type { OpenApiDocument } from './openapi-contract';

type Schema = Record<string, any>;

export interface FuzzOperation {
  method: string;
  template: string;
  roles: string[] | 'public';
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; schema: Schema; required: boolean }[];
  headers: string[];
  bodyType?: 'application/json' | 'multipart/form-data';
  bodySchema?: Schema;
}

/** One request the fuzzer sends: what it tries, and where. */
export interface FuzzCase {
  what: string;
  path: string;
  body?: unknown;
  rawBody?: string | Buffer;
  headers?: Record<string, string>;
}

const NUL = 'a\u0000b';
const SURROGATE = 'a\ud800b';
/** Larger than any maxLength the API documents (100,000). */
const HUGE = 'x'.repeat(120_000);

/** Values to try against a pattern, first match wins: the fuzzer has no regex inverter, and needs none for this API. */
const PATTERN_CANDIDATES = ['FUZZ-1', '2027-H1', '2027', '2027-01-01', '1', 'a'.repeat(64), 'abc'];

export function operationsOf(document: OpenApiDocument): FuzzOperation[] {
  const operations: FuzzOperation[] = [];
  for (const [template, ops] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(ops as Record<string, any>)) {
      const parameters: any[] = op.parameters ?? [];
      const roles = /^Roles: ([a-z, ]+)/.exec(op.description ?? '')?.[1]?.split(/,\s*/) ?? [];
      const content = op.requestBody?.content ?? {};
      const bodyType = content['application/json']
        ? 'application/json'
        : content['multipart/form-data']
          ? 'multipart/form-data'
          : undefined;
      operations.push({
        method: method.toUpperCase(),
        template,
        roles: Array.isArray(op.security) && op.security.length === 0 ? 'public' : roles,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        headers: parameters.filter((p) => p.in === 'header').map((p) => String(p.name)),
        bodyType,
        bodySchema: bodyType ? content[bodyType].schema : undefined,
      });
    }
  }
  return operations;
}

/**
 * Generates values from the document's schemas and checks bodies against them, so each body the
 * fuzzer sends is one the document itself calls invalid (or one holding text no database can
 * store): whatever the API answers, it must refuse it.
 */
export function createFuzzer(document: OpenApiDocument) {
  const components = document.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined): Schema => {
    let s = schema ?? {};
    while (s.$ref) s = components[String(s.$ref).replace('#/components/schemas/', '')] as Schema;
    return s;
  };
  const ajv = new Ajv2020({ strict: false, allErrors: false });
  addFormats(ajv);
  const defs = JSON.parse(JSON.stringify(components).replaceAll('"#/components/schemas/', '"#/$defs/'));
  const validators = new Map<Schema, ValidateFunction>();
  const isValid = (schema: Schema, value: unknown) => {
    let validate = validators.get(schema);
    if (!validate) {
      validate = ajv.compile({
        ...JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/')),
        $defs: defs,
      });
      validators.set(schema, validate);
    }
    return validate(value);
  };

  /** A value the schema accepts (the smallest one that is easy to build): the base every mutation starts from. */
  function valid(schema: Schema | undefined, depth = 0): unknown {
    const s = resolve(schema);
    if (depth > 8) return undefined;
    if ('const' in s) return s.const;
    if (s.enum) return s.enum[0];
    if (s.default !== undefined) return s.default;
    if (s.example !== undefined && isValid(s, s.example)) return s.example;
    const variants = s.oneOf ?? s.anyOf;
    if (variants) return valid(variants[0], depth + 1);
    if (s.allOf) return Object.assign({}, ...s.allOf.map((part: Schema) => valid(part, depth + 1)));
    const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
    switch (type) {
      case 'string': {
        if (s.format === 'uuid') return randomUUID();
        if (s.format === 'date') return '2027-01-01';
        if (s.format === 'date-time') return '2027-01-01T08:00:00.000Z';
        if (s.format === 'email') return `fuzz-${randomUUID().slice(0, 8)}@example.test`;
        if (s.pattern) return PATTERN_CANDIDATES.find((c) => new RegExp(s.pattern).test(c)) ?? 'x';
        return 'x'.repeat(Math.max(1, s.minLength ?? 1));
      }
      case 'integer':
      case 'number':
        return Math.max(1, s.minimum ?? 1);
      case 'boolean':
        return true;
      case 'array':
        return Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => valid(s.items, depth + 1));
      case 'object':
      default: {
        const required: string[] = s.required ?? [];
        return Object.fromEntries(
          Object.entries(s.properties ?? {})
            .filter(([name]) => required.includes(name))
            .map(([name, prop]) => [name, valid(prop as Schema, depth + 1)]),
        );
      }
    }
  }

  /** Every leaf and object of a value, with its path: where mutations go. */
  function positions(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; value: unknown }[] {
    const here = [{ path, value }];
    if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => positions(v, [...path, i]))];
    if (value && typeof value === 'object')
      return [...here, ...Object.entries(value).flatMap(([k, v]) => positions(v, [...path, k]))];
    return here;
  }
  const setAt = (
    root: unknown,
    path: (string | number)[],
    replace: (value: unknown) => unknown,
    remove = false,
  ): unknown => {
    if (path.length === 0) return replace(root);
    const copy: any = Array.isArray(root) ? [...root] : { ...(root as object) };
    const [head, ...rest] = path;
    if (remove && rest.length === 0) delete copy[head!];
    else copy[head!] = setAt(copy[head!], rest, replace, remove);
    return copy;
  };
  const otherType = (value: unknown) =>
    typeof value === 'string'
      ? 12345
      : typeof value === 'number'
        ? 'twelve'
        : typeof value === 'boolean'
          ? 'yes'
          : Array.isArray(value)
            ? { not: 'an array' }
            : value && typeof value === 'object'
              ? ['not', 'an', 'object']
              : 'x';
  const unstorable = (value: unknown) => findUnstorableText({ body: value }).length > 0;

  /** Bodies the document calls invalid, or holding unstorable text anywhere (values and keys, nested). */
  function badBodies(schema: Schema): { what: string; body: unknown }[] {
    const base = valid(schema);
    const candidates: { what: string; body: unknown }[] = [
      { what: 'null', body: null },
      { what: 'an array for the object', body: [base] },
      { what: 'a string for the object', body: 'text' },
      { what: 'an extra field', body: { ...(base as object), fuzzExtraField: 1 } },
      { what: 'a NUL in a key', body: { ...(base as object), ['fu\u0000zz']: 1 } },
      { what: 'a lone surrogate in a key', body: { ...(base as object), ['\udc00']: 1 } },
      { what: 'nothing at all', body: {} },
    ];
    for (const { path, value } of positions(base)) {
      if (path.length === 0) continue;
      const at = path.join('.');
      candidates.push({ what: `${at}: missing`, body: setAt(base, path, () => undefined, true) });
      candidates.push({ what: `${at}: null`, body: setAt(base, path, () => null) });
      candidates.push({ what: `${at}: wrong type`, body: setAt(base, path, otherType) });
      if (typeof value === 'string') {
        candidates.push({ what: `${at}: NUL`, body: setAt(base, path, () => NUL) });
        candidates.push({ what: `${at}: lone surrogate`, body: setAt(base, path, () => SURROGATE) });
        candidates.push({ what: `${at}: 120,000 characters`, body: setAt(base, path, () => HUGE) });
      }
      if (typeof value === 'number') candidates.push({ what: `${at}: -1e308`, body: setAt(base, path, () => -1e308) });
    }
    return candidates.filter((c) => !isValid(schema, c.body) || unstorable(c.body));
  }

  /** Path values that are malformed, unstorable, or well-formed but of nothing that exists. */
  const badPathValues = (schema: Schema) => [
    { what: 'nonexistent', value: encodeURIComponent(String(valid(schema))) },
    { what: 'malformed', value: 'not-an-id' },
    { what: 'NUL', value: 'a%00b' },
    { what: 'a lone surrogate (invalid UTF-8)', value: '%ED%A0%80' },
    { what: 'a broken escape', value: '%E0%A4%A' },
    { what: '5,000 characters', value: 'x'.repeat(5000) },
    { what: 'an escaped slash', value: '..%2F..%2Fetc' },
  ];

  const badQueryValues = ['a%00b', '%ED%A0%80', 'x'.repeat(5000), '-1', '99999999999999999999', 'true&{name}=false'];

  return { valid, badBodies, badPathValues, badQueryValues, isValid };
}

import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.1 document a response is checked against. */
interface Operation {
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, unknown> };
}

export interface CheckedResponse {
  status: number;
  contentType: string;
  body: unknown;
}

/** Served outside the document: the document itself and the problem type pages. */
const UNDOCUMENTED = [/^\/openapi\.json$/, /^\/problems\/[^/]+$/];

/**
 * Every object the document describes is closed for this check (unless it says otherwise): a
 * response field the document does not name is a gap in the document. Problems stay open, as
 * RFC 9457 allows extension members.
 */
function closeObjects(schema: unknown, name?: string): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s));
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = Object.fromEntries(
    Object.entries(schema).map(([k, v]) => [
      k,
      k === 'properties'
        ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closeObjects(s)]))
        : closeObjects(v),
    ]),
  );
  if (copy.type === 'object' && copy.properties && !('additionalProperties' in copy) && name !== 'Problem')
    copy.additionalProperties = false;
  return copy;
}

/**
 * Checks real responses against the OpenAPI document: the status must be one the operation
 * documents, the content type the one documented for it, and a JSON body must match its schema.
 * Answers the mismatches, empty when the response keeps the document's promise.
 */
export function createContractChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const defs = Object.fromEntries(
    Object.entries(document.components?.schemas ?? {}).map(([name, s]) => [name, closeObjects(s, name)]),
  );
  const toDefs = (schema: unknown) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"#/components/schemas/', '"#/$defs/'));
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (key: string, schema: unknown) => {
    let validate = validators.get(key);
    if (!validate) {
      validate = ajv.compile({ ...(closeObjects(toDefs(schema)) as object), $defs: toDefs(defs) });
      validators.set(key, validate);
    }
    return validate;
  };

  // Literal segments first, so /regions/{code}/policy/rollout is never taken for a parameter.
  const templates = Object.keys(document.paths)
    .map((template) => ({
      template,
      params: (template.match(/\{/g) ?? []).length,
      regex: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`),
    }))
    .sort((a, b) => a.params - b.params);
  const problemSchema = { $ref: '#/components/schemas/Problem' };

  return function check(method: string, url: string, res: CheckedResponse): string[] {
    const path = url.split('?')[0]!;
    if (UNDOCUMENTED.some((r) => r.test(path))) return [];
    const match = templates.find((t) => t.regex.test(path) && document.paths[t.template]![method.toLowerCase()]);
    const where = match
      ? `${method.toUpperCase()} ${match.template}`
      : `${method.toUpperCase()} ${path} (not in the document)`;
    const responses: Operation['responses'] = match
      ? document.paths[match.template]![method.toLowerCase()]!.responses
      : { 404: { content: { 'application/problem+json': { schema: problemSchema } } } };
    const documented = responses[String(res.status)];
    if (!documented)
      return [
        `${where} answered ${res.status}, which it does not document ` +
          `(it documents ${Object.keys(responses).join(', ')})`,
      ];
    // A response documented without content (204) keeps its promise by sending none.
    if (!documented.content) return res.body === '' ? [] : [`${where} ${res.status} sent a body it documents none for`];
    const mediaType = res.contentType.split(';')[0]!.trim();
    // A documented body-less answer (204) must come without a body.
    if (!documented.content)
      return res.body === undefined || res.body === '' || res.body === null
        ? []
        : [`${where} ${res.status} answered a body where none is documented`];
    const content = documented.content ?? {};
    const media =
      content[mediaType] ?? (content['application/octet-stream'] ? content['application/octet-stream'] : undefined);
    if (!media)
      return [
        `${where} ${res.status} answered ${mediaType || 'no content type'}; ` +
          `documented: ${Object.keys(content).join(', ') || 'no body'}`,
      ];
    if (!/json$/.test(mediaType)) return [];
    const errors: string[] = [];
    if (mediaType === 'application/problem+json' && (res.body as { status?: unknown })?.status !== res.status)
      errors.push(
        `${where}: the problem's status ${(res.body as { status?: unknown })?.status} ` +
          `is not the HTTP status ${res.status}`,
      );
    const validate = validatorFor(`${where} ${res.status} ${mediaType}`, media.schema ?? {});
    if (!validate(res.body))
      errors.push(
        ...(validate.errors ?? []).map(
          (e) =>
            `${where} ${res.status}: body${e.instancePath} ${e.message}` +
            (e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''),
        ),
      );
    return errors;
  };
}

/**
 * A region's standard agreement (000_2559ba4ecdded544.txt §3.2: "standardized agreement" with the
 * 12 items, the liability list and the dispute procedure), published in numbered versions, and how
 * a contract's agreed terms differ from the version it started from.
 */

/** One item where the agreed terms say something else than the template; null where one side has nothing. */
export interface TermDeviation {
  /** Dotted path inside the terms, list positions as numbers: 'visitFrequency.homeVisitsPerMonth', 'liability.2'. */
  path: string;
  template: unknown;
  agreed: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function walk(template: unknown, agreed: unknown, path: string, out: TermDeviation[]): void {
  if (isRecord(template) && isRecord(agreed)) {
    const keys = [...new Set([...Object.keys(template), ...Object.keys(agreed)])];
    for (const key of keys) walk(template[key], agreed[key], path ? `${path}.${key}` : key, out);
    return;
  }
  if (Array.isArray(template) && Array.isArray(agreed)) {
    for (let i = 0; i < Math.max(template.length, agreed.length); i++)
      walk(template[i], agreed[i], path ? `${path}.${i}` : String(i), out);
    return;
  }
  if (template === agreed) return;
  out.push({ path, template: template ?? null, agreed: agreed ?? null });
}

/**
 * Every deviation of the agreed terms from the template, leaf by leaf, in the template's order of
 * items; a list compares position by position. Empty when they agree.
 */
export function termDeviations(template: unknown, agreed: unknown): TermDeviation[] {
  const out: TermDeviation[] = [];
  walk(template, agreed, '', out);
  return out;
}

/** The policy numbers a regulator changes most, as dotted paths into the overrides document. */
export const mainPolicyNumbers = [
  'obligations.visitsPerMonth',
  'signing.windowDays',
  'agreementFloors.homeVisitsPerMonth',
  'evaluation.thresholds.excellent',
  'evaluation.thresholds.qualified',
  'rectification.deadlineDays',
  'subsidy.baseRateFenPerResident',
] as const;
export type PolicyNumber = (typeof mainPolicyNumbers)[number];

/** Each main number's label key in the catalogue. */
export const policyNumberLabel = {
  'obligations.visitsPerMonth': 'visitsPerMonth',
  'signing.windowDays': 'signingWindowDays',
  'agreementFloors.homeVisitsPerMonth': 'floorHomeVisits',
  'evaluation.thresholds.excellent': 'excellentThreshold',
  'evaluation.thresholds.qualified': 'qualifiedThreshold',
  'rectification.deadlineDays': 'rectificationDays',
  'subsidy.baseRateFenPerResident': 'subsidyBaseRate',
} as const satisfies Record<PolicyNumber, string>;

type Doc = Record<string, unknown>;
const isDoc = (value: unknown): value is Doc => typeof value === 'object' && value !== null && !Array.isArray(value);

export function valueAt(doc: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((at, key) => (isDoc(at) ? at[key] : undefined), doc);
}

/** A copy of `doc` with `path` set to `value` (undefined removes it, and any object it leaves empty). */
export function withValueAt(doc: Doc, path: string, value: unknown): Doc {
  const [key = '', ...rest] = path.split('.');
  const copy = { ...doc };
  if (rest.length === 0) {
    if (value === undefined) delete copy[key];
    else copy[key] = value;
    return copy;
  }
  const inner = withValueAt(isDoc(copy[key]) ? (copy[key] as Doc) : {}, rest.join('.'), value);
  if (Object.keys(inner).length === 0) delete copy[key];
  else copy[key] = inner;
  return copy;
}

/** The text as a JSON object, or undefined when it is not one. */
export function parseDoc(text: string): Doc | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isDoc(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

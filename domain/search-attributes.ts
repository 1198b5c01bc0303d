import { defineSearchAttributeKey, SearchAttributePair, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes, so `temporal workflow list --query` finds processes by business facts. */
export const regionKey = defineSearchAttributeKey('CarePactRegion', SearchAttributeType.KEYWORD);
export const statusKey = defineSearchAttributeKey('CarePactStatus', SearchAttributeType.KEYWORD);
export const gradeKey = defineSearchAttributeKey('CarePactGrade', SearchAttributeType.KEYWORD);
export const kindKey = defineSearchAttributeKey('CarePactKind', SearchAttributeType.KEYWORD);
/** Every process of one contract (its own, its evaluations, its rectifications) carries the contract's id. */
export const contractKey = defineSearchAttributeKey('CarePactContract', SearchAttributeType.KEYWORD);

export const allSearchAttributeKeys = [regionKey, statusKey, gradeKey, kindKey, contractKey];

export type ProcessKind =
  | 'contract'
  | 'evaluation-cycle'
  | 'scheduled-evaluation-cycle'
  | 'evaluation'
  | 're-evaluation'
  | 'rectification'
  | 'evidence-sweep';

/** The attributes a process starts with; region and contract only where the process has one. */
export function processSearchAttributes(p: {
  kind: ProcessKind;
  status: string;
  regionCode?: string;
  contractId?: string;
}): SearchAttributePair[] {
  return [
    { key: kindKey, value: p.kind },
    { key: statusKey, value: p.status },
    ...(p.regionCode ? [{ key: regionKey, value: p.regionCode }] : []),
    ...(p.contractId ? [{ key: contractKey, value: p.contractId }] : []),
  ];
}

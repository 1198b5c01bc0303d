import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes, so `temporal workflow list --query` finds processes by business facts. */
export const regionKey = defineSearchAttributeKey('CarePactRegion', SearchAttributeType.KEYWORD);
export const statusKey = defineSearchAttributeKey('CarePactStatus', SearchAttributeType.KEYWORD);
export const gradeKey = defineSearchAttributeKey('CarePactGrade', SearchAttributeType.KEYWORD);
export const kindKey = defineSearchAttributeKey('CarePactKind', SearchAttributeType.KEYWORD);

export const allSearchAttributeKeys = [regionKey, statusKey, gradeKey, kindKey];

import { ProblemError } from './problem';

export interface InputIssue {
  path: string;
  message: string;
}

/** Deeper than any request this API documents; walking (and zod) must never run out of stack. */
const MAX_DEPTH = 32;
const MAX_ISSUES = 20;

/**
 * Why PostgreSQL cannot store a string as sent: text columns refuse U+0000, and a lone UTF-16
 * surrogate has no UTF-8 form (it would silently become U+FFFD). JSON can carry both as escapes.
 */
export function unstorableReason(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0) return 'contains U+0000 (NUL), which cannot be stored';
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(i + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      i++;
      continue;
    }
    return `contains a lone UTF-16 surrogate (U+${unit.toString(16).toUpperCase()}), which is not Unicode text`;
  }
  return undefined;
}

/**
 * Every string and object key in the given request parts that PostgreSQL could not store, named
 * by its path (`body.policy.name`, `query.regionCode`, `params.code`). Iterative, so no nesting
 * depth can exhaust the stack; a value nested deeper than any schema allows is an issue itself.
 */
export function findUnstorableText(parts: Record<string, unknown>): InputIssue[] {
  const issues: InputIssue[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = Object.entries(parts).map(([path, value]) => ({
    value,
    path,
    depth: 0,
  }));
  while (pending.length > 0 && issues.length < MAX_ISSUES) {
    const { value, path, depth } = pending.pop()!;
    if (typeof value === 'string') {
      const reason = unstorableReason(value);
      if (reason) issues.push({ path, message: reason });
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_DEPTH) {
      issues.push({ path, message: `nested more than ${MAX_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: `${path}.${index}`, depth: depth + 1 }));
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const reason = unstorableReason(key);
      if (reason) issues.push({ path, message: `a key ${reason}` });
      else pending.push({ value: item, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return issues.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Refuses the request with one 400 naming every field that holds text PostgreSQL cannot store. */
export function assertStorableText(parts: Record<string, unknown>): void {
  const errors = findUnstorableText(parts);
  if (errors.length === 0) return;
  throw new ProblemError('validation-failed', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors });
}

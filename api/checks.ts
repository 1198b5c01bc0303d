/**
 * Checks a schema makes beyond zod's own (a refinement), each with a stable code: a client words the
 * problem in its reader's language from the code, as it does for zod's too_small or invalid_format;
 * the message stays the English explanation.
 */
export const checks = {
  attendeeFromEachSide: 'attendee-from-each-side',
  notBeforeRequested: 'not-before-requested',
  afterTermStart: 'after-term-start',
  termsOrTemplate: 'terms-or-template',
  calendarDate: 'calendar-date',
  yearInRange: 'year-in-range',
} as const;

export type CheckCode = (typeof checks)[keyof typeof checks];

/** Refinement options naming the check, for `.refine(fn, check(...))` and `ctx.addIssue`. */
export function check(code: CheckCode, message: string, path?: string[]) {
  return { message, params: { check: code }, ...(path ? { path } : {}) };
}

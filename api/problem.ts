/** RFC 9457 problem types. Their slugs are a public contract: clients branch on them. */
export const problemTypes = {
  'validation-failed': { status: 400, title: 'The request does not match its schema' },
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'request-too-large': { status: 413, title: 'The request body is larger than allowed' },
  'unsupported-media-type': { status: 415, title: 'The request body is not of a type this operation accepts' },
  unauthenticated: { status: 401, title: 'A signed-in session or a valid bearer token is required' },
  'sign-in-failed': { status: 401, title: 'The e-mail address or the password is wrong' },
  'sign-in-throttled': { status: 429, title: 'Too many failed sign-ins; wait, or reset the password' },
  'csrf-token-invalid': { status: 403, title: 'A signed-in session must send its CSRF token, from its own origin' },
  'link-expired': { status: 410, title: 'The link has expired' },
  'link-used': { status: 410, title: 'The link was already used, or a newer one replaced it' },
  forbidden: { status: 403, title: 'This token may not do that' },
  'not-a-party': { status: 403, title: 'Only a party to the contract may do that' },
  'not-found': { status: 404, title: 'No such resource' },
  conflict: { status: 409, title: 'The resource already exists' },
  'already-signed': { status: 409, title: 'This party has already signed' },
  'signing-closed': { status: 409, title: 'The contract is no longer open for signatures' },
  'signing-deadline-passed': { status: 409, title: 'The signing deadline has passed' },
  'contract-closed': { status: 409, title: 'The contract has ended' },
  'contract-not-active': { status: 409, title: 'Facts are recorded only while the contract is active' },
  'already-answered': { status: 409, title: 'The request has already been answered' },
  'already-completed': { status: 409, title: 'The action item is already done' },
  'own-request': { status: 403, title: 'The side that raised a request may not answer it' },
  'fact-out-of-range': { status: 422, title: 'A date or instant lies outside the contract term or in the future' },
  'idempotency-key-reused': { status: 422, title: 'The Idempotency-Key was already used with a different request' },
  'evaluation-not-ready': { status: 409, title: 'The evaluation is still being set up' },
  'already-graded': { status: 409, title: 'Scores for this evaluation were already submitted' },
  'not-assigned-evaluator': {
    status: 403,
    title: 'Only the assigned evaluator organization may score this evaluation',
  },
  'score-out-of-range': { status: 422, title: 'Scores run from 0 to 100' },
  'extension-limit-reached': { status: 409, title: 'No further extension may be granted' },
  'unknown-submission': { status: 422, title: 'That submission is not the one under review' },
  'qualification-revoked': {
    status: 409,
    title: "The medical institution's cooperation qualification in this region is revoked",
  },
  'reason-required': { status: 422, title: 'A reason is required' },
  'user-deactivated': { status: 409, title: 'The user is deactivated' },
  'renewal-not-later': { status: 422, title: 'A renewal must end later than the current term' },
  'unknown-reference': { status: 422, title: 'The request refers to something that does not exist' },
  'invalid-reference': { status: 422, title: 'The request refers to something of the wrong kind or scope' },
  'evidence-too-large': { status: 413, title: 'The evidence upload is larger than allowed' },
  'evidence-type-not-allowed': { status: 415, title: 'An evidence file is not of an allowed type' },
  'evidence-malformed': { status: 400, title: 'The evidence upload is not a well-formed multipart form' },
  'rectification-wrong-step': { status: 409, title: 'The rectification does not accept this in its current step' },
  'rectification-deadline-passed': { status: 409, title: 'The rectification deadline has passed' },
  'agreement-below-floor': {
    status: 422,
    title: "The agreement promises less than the region's policy requires; nothing was stored",
  },
  'policy-invalid': { status: 422, title: 'The policy breaks one or more of its rules; nothing was stored' },
  'workflow-unavailable': { status: 503, title: 'The workflow engine is unavailable; nothing was changed' },
  'database-unavailable': { status: 503, title: 'The database is unavailable; nothing was changed' },
  internal: { status: 500, title: 'Internal server error' },
} as const;

export type ProblemType = keyof typeof problemTypes;

export function isProblemType(value: string): value is ProblemType {
  return value in problemTypes;
}

export const problemTypeUri = (type: ProblemType) => `/problems/${type}`;

export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly type: ProblemType,
    readonly detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.status = problemTypes[type].status;
  }

  toJSON(instance?: string) {
    return {
      type: problemTypeUri(this.type),
      title: problemTypes[this.type].title,
      status: this.status,
      detail: this.detail,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

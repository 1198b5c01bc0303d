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
    title: "An institution's cooperation qualification in this region is revoked",
  },
  'reason-required': { status: 422, title: 'A reason is required' },
  'user-deactivated': { status: 409, title: 'The user is deactivated' },
  'renewal-not-later': { status: 422, title: 'A renewal must end later than the current term' },
  'renewal-by-proposal': {
    status: 410,
    title:
      'Renewal needs both parties: propose it at /contracts/{id}/renewal-proposals for the other side to countersign',
  },
  'renewal-proposal-open': { status: 409, title: 'Another renewal proposal for this contract is still open' },
  'renewal-proposal-closed': { status: 409, title: 'The renewal proposal is no longer open' },
  'own-renewal-proposal': { status: 409, title: 'The side that proposed a renewal may not countersign or decline it' },
  'countersign-deadline-passed': { status: 409, title: 'The deadline to countersign the renewal has passed' },
  'not-pending-approval': { status: 409, title: 'The contract is not pending approval' },
  'decision-in-progress': { status: 409, title: 'Another decision on this contract is being recorded' },
  'unknown-reference': { status: 422, title: 'The request refers to something that does not exist' },
  'invalid-reference': { status: 422, title: 'The request refers to something of the wrong kind or scope' },
  'unknown-template-version': {
    status: 422,
    title: 'The region has published no agreement template of that version',
  },
  'evidence-too-large': { status: 413, title: 'The evidence upload is larger than allowed' },
  'evidence-type-not-allowed': { status: 415, title: 'An evidence file is not of an allowed type' },
  'evidence-malformed': { status: 400, title: 'The evidence upload is not a well-formed multipart form' },
  'rectification-wrong-step': { status: 409, title: 'The rectification does not accept this in its current step' },
  'rectification-deadline-passed': { status: 409, title: 'The rectification deadline has passed' },
  'unknown-finding': { status: 404, title: 'The rectification order has no such finding' },
  'not-responsible-side': { status: 403, title: 'Only the side responsible for the finding may do that' },
  'reviewer-is-evaluator': { status: 403, title: 'The evaluator who scored the findings may not review them' },
  'finding-wrong-state': { status: 409, title: 'The finding does not accept this in its current state' },
  'plan-required': { status: 409, title: 'The finding needs its plan of correction first' },
  'plan-deadline-passed': { status: 409, title: 'The deadline for plans of correction has passed' },
  'completion-after-deadline': {
    status: 422,
    title: "The plan's completion date is after the order's deadline",
  },
  'finding-required': { status: 422, title: 'Evidence of an itemized order must name its finding(s)' },
  'review-per-finding': { status: 409, title: "This order's findings are reviewed one by one" },
  'findings-not-itemized': {
    status: 409,
    title: 'This order predates itemized findings: it takes evidence and review for the whole order',
  },
  'representations-window-open': {
    status: 409,
    title: 'The representations window is still open: the revocation cannot be confirmed yet',
  },
  'representations-window-closed': { status: 409, title: 'The representations window has closed' },
  'representations-waived': {
    status: 409,
    title: 'This institution has already declared it makes no representations, or has made some',
  },
  'representation-not-considered': {
    status: 422,
    title: 'The decision must record how every representation filed was considered',
  },
  'unknown-representation': { status: 422, title: 'No such representation was filed on this order' },
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

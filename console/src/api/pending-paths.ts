import type { components } from './openapi';

/**
 * Routes of issue 11 that branches `auth`, `tasks` and `dashboard` are building, typed from the brief's shared contract
 * so the pages compile before those branches merge. Generated paths win over these (see client.ts): once a route is in
 * /openapi.json, its real type is used and a difference fails the console's typecheck. Delete each entry as it lands.
 */
type Problem = components['schemas']['Problem'];
type Headers = { [name: string]: unknown };
type Json<T> = { headers: Headers; content: { 'application/json': T } };
type NoContent = { headers: Headers; content?: never };
type Problems = { default: { headers: Headers; content: { 'application/problem+json': Problem } } };
type Params<Q, P> = { query?: Q; header?: never; cookie?: never } & ([P] extends [never]
  ? { path?: never }
  : { path: P });
type Op<Q, P, B, R> = { parameters: Params<Q, P>; responses: R & Problems } & ([B] extends [never]
  ? { requestBody?: never }
  : { requestBody: { content: { 'application/json': B } } });
type Method<Name extends string, O> = [O] extends [never] ? { [K in Name]?: never } : { [K in Name]: O };
type Item<G = never, Po = never, D = never> = {
  parameters: { query?: never; header?: never; path?: never; cookie?: never };
  put?: never;
  options?: never;
  head?: never;
  patch?: never;
  trace?: never;
} & Method<'get', G> &
  Method<'post', Po> &
  Method<'delete', D>;
type Text = { 'zh-CN': string; en: string };
type Light = 'red' | 'yellow' | 'green';
type Window = { from?: string; to?: string };

type Me = {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'regulator' | 'liaison' | 'party' | 'evaluator';
  locale: string;
  regionCodes: string[];
  institutionId?: string;
  evaluatorOrganizationId?: string;
};
type Session = { user: Me; csrfToken: string; idleExpiresAt: string; absoluteExpiresAt: string };
type SessionSummary = {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
  userAgent?: string;
  current: boolean;
};
type TaskKind =
  | 'signature'
  | 'visit'
  | 'meeting'
  | 'survey'
  | 'request-answer'
  | 'action-item'
  | 'evaluation-score'
  | 'evidence'
  | 'evidence-review'
  | 'extension-decision'
  | 'revocation-decision';
type TaskState = 'upcoming' | 'due-soon' | 'overdue';
type Task = {
  id: string;
  kind: TaskKind;
  contractId?: string;
  rectificationId?: string;
  evaluationId?: string;
  subject: string;
  dueDate: string;
  dueAt: string;
  state: TaskState;
  consequence: { kind: string; on: string; description: Text };
  link: string;
};
type TaskFilterBody = { kinds?: TaskKind[]; states?: TaskState[]; contractId?: string };
type TaskFilter = {
  id: string;
  name: string;
  filter: TaskFilterBody;
  shared: boolean;
  ownerUserId: string;
  ownerName: string;
  mine: boolean;
  createdAt: string;
};
type Figure = {
  value: number | null;
  numerator: number;
  denominator: number;
  unit: 'ratio' | 'days' | 'minutes' | 'count';
  reference?: { value: number; text: Text; source: string };
};
type FigureKey =
  | 'coverage'
  | 'regularService'
  | 'sparseVisitHomes'
  | 'meetingsOnTime'
  | 'requestsAnsweredInTime'
  | 'longestRequestWaitDays'
  | 'referralsWithinTarget'
  | 'referralMedianMinutes'
  | 'rectificationsOpen'
  | 'rectificationsOverdue'
  | 'revocations';
type TrendKey = 'regularService' | 'meetingsOnTime' | 'requestsAnsweredInTime' | 'referralsWithinTarget';
type Dashboard = {
  regionCode: string;
  window: { from: string; to: string; months: string[] };
  asOf: string;
  figures: Record<FigureKey, Figure>;
  subsidy: { year: number; contracts: number; totalFen: number; totalYuan: string };
  gradesByCycle: {
    cycleId: string;
    half: string;
    status: string;
    excellent: number;
    qualified: number;
    unqualified: number;
    pending: number;
  }[];
  trend: ({ month: string } & Record<TrendKey, Figure>)[];
  lightRule: Text;
  definitions: { 'zh-CN': Record<string, string>; en: Record<string, string> };
};
type ContractRow = {
  contractId: string;
  status: string;
  medical: { id: string; name: string };
  care: { id: string; name: string };
  grade: 'excellent' | 'qualified' | 'unqualified' | null;
  visits: { actual: number; required: number; periodsMet: number; periods: number };
  meetings: { periodsMet: number; periods: number };
  openRequests: number;
  overdueRequests: number;
  missedPeriods: number;
  overdueRectifications: number;
  light: Light;
  reasons: { code: string; count: number; text: Text }[];
};
type ContractRows = {
  items: ContractRow[];
  total: number;
  page: number;
  pageSize: number;
  window: { from: string; to: string };
  lightRule: Text;
};
type Region = { code: string };
type Paged = { page?: number; pageSize?: number };

export interface PendingPaths {
  '/session': Item<
    Op<never, never, never, { 200: Json<Session> }>,
    Op<never, never, { email: string; password: string }, { 201: Json<Session> }>,
    Op<never, never, never, { 204: NoContent }>
  >;
  '/me/sessions': Item<
    Op<never, never, never, { 200: Json<{ items: SessionSummary[] }> }>,
    never,
    Op<never, never, never, { 204: NoContent }>
  >;
  '/me/sessions/{id}': Item<never, never, Op<never, { id: string }, never, { 204: NoContent }>>;
  '/password-resets': Item<never, Op<never, never, { email: string }, { 202: Json<unknown> }>>;
  '/password-links/inspection': Item<
    never,
    Op<
      never,
      never,
      { token: string },
      { 200: Json<{ email: string; purpose: 'invitation' | 'reset'; expiresAt: string }> }
    >
  >;
  '/password-links/redemption': Item<
    never,
    Op<never, never, { token: string; password: string }, { 200: Json<{ email: string }> }>
  >;
  '/me/tasks': Item<
    Op<
      { kind?: string; state?: string; contractId?: string } & Paged,
      never,
      never,
      { 200: Json<{ items: Task[]; total: number; page: number; pageSize: number }> }
    >
  >;
  '/me/task-filters': Item<
    Op<never, never, never, { 200: Json<{ items: TaskFilter[] }> }>,
    Op<never, never, { name: string; filter: TaskFilterBody; shared: boolean }, { 201: Json<TaskFilter> }>
  >;
  '/me/task-filters/{id}': Item<never, never, Op<never, { id: string }, never, { 204: NoContent }>>;
  '/regions/{code}/dashboard': Item<Op<Window, { code: string }, never, { 200: Json<Dashboard> }>>;
  '/regions/{code}/dashboard/contracts': Item<
    Op<Window & Paged & { light?: Light; q?: string }, { code: string }, never, { 200: Json<ContractRows> }>
  >;
  '/regions/{code}/dashboard/contracts/export': Item<
    Op<Window & { format?: 'csv' | 'xlsx'; light?: Light; q?: string }, { code: string }, never, { 200: Json<Region> }>
  >;
}

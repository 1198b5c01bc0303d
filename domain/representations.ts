import { addDays, compareLocalDates, type LocalDate } from './calendar';
import type { Side } from './contract';
import type { RevocationPolicy } from './policy';
import { deadlinePassed } from './rectification';

/**
 * Due process before a revocation (issue 12; CQC's warning notice and representations): the
 * parties are heard until the window closes, each representation is considered in the decision,
 * and a party may declare it makes none.
 */

/** The first day the regulator may confirm: the day after the last day for representations. */
export function decisionWindowOpensOn(representationsDeadline: LocalDate): LocalDate {
  return addDays(representationsDeadline, 1);
}

/** One party's word in the notice step: representations filed, or a declaration that it makes none. */
export interface HeardParty {
  representationId: string;
  institutionId: string;
  kind: 'filed' | 'waived';
}

/** What the rules read of an order under notice. */
export interface NoticeView {
  step: string;
  /** Unknown until the notice is delivered: the window then runs from its sending date. */
  representationsDeadline?: LocalDate;
  representations?: HeardParty[];
}

/** A contract has two parties; when both declared none, nobody is left to be heard. */
const PARTIES_PER_CONTRACT = 2;

export function everyPartyWaived(view: Pick<NoticeView, 'representations'>): boolean {
  const waived = new Set((view.representations ?? []).filter((r) => r.kind === 'waived').map((r) => r.institutionId));
  return waived.size >= PARTIES_PER_CONTRACT;
}

/**
 * Whether a confirmation must still wait for the parties: the window has not closed and not every
 * party declared none (what a record shows: the institutions that waived).
 */
export function decisionAwaitsHearing(
  representationsDeadline: LocalDate,
  waivedInstitutionIds: readonly string[],
  today: LocalDate,
): boolean {
  const waivers = waivedInstitutionIds.map((institutionId) => ({
    representationId: institutionId,
    institutionId,
    kind: 'waived' as const,
  }));
  return (
    !everyPartyWaived({ representations: waivers }) &&
    compareLocalDates(today, decisionWindowOpensOn(representationsDeadline)) < 0
  );
}

/** Whether the parties may still file: from the notice until its deadline ends (inclusive, Asia/Shanghai). */
export function representationsWindowOpen(view: NoticeView, today: LocalDate): boolean {
  return !view.representationsDeadline || !deadlinePassed(today, view.representationsDeadline);
}

export interface RepresentationsRejection {
  type:
    | 'rectification-wrong-step'
    | 'representations-window-open'
    | 'representations-window-closed'
    | 'representations-waived'
    | 'representation-not-considered'
    | 'unknown-representation'
    | 'reason-required';
  detail: string;
}

export type HearingCheck =
  | { action: 'file'; institutionId: string }
  | { action: 'waive'; institutionId: string }
  | {
      action: 'decide';
      decision: 'confirm' | 'withdraw';
      reasons: string;
      considerations: { representationId: string; consideration: string }[];
    };

/**
 * Whether a command of the notice step may go ahead. Filing and waiving while the window is open;
 * confirming only once it has closed or every party declared none; withdrawing at any time; every
 * representation filed considered in the decision.
 */
export function hearingRejection(
  check: HearingCheck,
  view: NoticeView,
  today: LocalDate,
): RepresentationsRejection | undefined {
  if (view.step !== 'notice-of-revocation')
    return {
      type: 'rectification-wrong-step',
      detail: `this needs the order to be under notice of intended revocation; it is ${view.step}`,
    };
  const heard = view.representations ?? [];
  const deadline = view.representationsDeadline;
  switch (check.action) {
    case 'file':
    case 'waive': {
      if (!representationsWindowOpen(view, today))
        return {
          type: 'representations-window-closed',
          detail: `representations were due by ${deadline}; the window has closed`,
        };
      const own = heard.filter((r) => r.institutionId === check.institutionId);
      if (own.some((r) => r.kind === 'waived'))
        return {
          type: 'representations-waived',
          detail: 'your institution has declared it makes no representations on this notice',
        };
      if (check.action === 'waive' && own.length > 0)
        return {
          type: 'representations-waived',
          detail: 'your institution has filed representations; it cannot declare it has none',
        };
      return undefined;
    }
    case 'decide': {
      if (!check.reasons.trim())
        return { type: 'reason-required', detail: 'reasons are required and are sent to the parties' };
      if (check.decision === 'confirm' && !everyPartyWaived(view)) {
        if (!deadline)
          return {
            type: 'representations-window-open',
            detail:
              'the notice of intended revocation is still being delivered; the representations window has not begun',
          };
        if (compareLocalDates(today, decisionWindowOpensOn(deadline)) < 0)
          return {
            type: 'representations-window-open',
            detail:
              `representations may be made until ${deadline}: ` +
              `the revocation can be confirmed from ${decisionWindowOpensOn(deadline)}, ` +
              'or earlier once both parties declare they make none',
          };
      }
      const filed = new Set(heard.filter((r) => r.kind === 'filed').map((r) => r.representationId));
      const unknown = check.considerations.find((c) => !filed.has(c.representationId));
      if (unknown)
        return {
          type: 'unknown-representation',
          detail: `representation ${unknown.representationId} was not filed on this order`,
        };
      const considered = new Set(
        check.considerations.filter((c) => c.consideration.trim()).map((c) => c.representationId),
      );
      const missing = [...filed].filter((id) => !considered.has(id));
      if (missing.length > 0)
        return {
          type: 'representation-not-considered',
          detail: `the decision must say how each representation was considered; missing: ${missing.join(', ')}`,
        };
      return undefined;
    }
  }
}

/** A reminder before the representations window closes, leaving out those on or before the notice's sending day. */
export function representationsReminders(
  deadline: LocalDate,
  sentOn: LocalDate,
  policy: Pick<RevocationPolicy, 'representationsReminderDaysBefore'>,
): { daysBefore: number; date: LocalDate }[] {
  return policy.representationsReminderDaysBefore
    .map((daysBefore) => ({ daysBefore, date: addDays(deadline, -daysBefore) }))
    .filter((r) => compareLocalDates(r.date, sentOn) > 0);
}

/** The side a finding puts at stake: 'medical' when it names none (orders issued before findings had sides). */
export type ResponsibleSide = Side | 'both';

/**
 * Whose cooperation qualification a confirmed revocation takes (000_… §3.3): the institutions on the
 * sides the failed findings hold responsible. When the order names its failed findings, only those
 * count; a finding without a side is the medical institution's (the rule before findings had sides).
 */
export function sidesAtStake(
  findings: { id: string; responsibleSide?: unknown }[],
  failedFindingIds?: readonly string[],
): Side[] {
  const failed = failedFindingIds ? new Set(failedFindingIds) : undefined;
  const counted = findings.filter((f) => !failed || failed.has(f.id));
  const sides = new Set<Side>();
  for (const f of counted.length > 0 ? counted : [{ id: '', responsibleSide: 'medical' }]) {
    const side = f.responsibleSide;
    if (side === 'care' || side === 'both') sides.add('care');
    if (side !== 'care') sides.add('medical');
  }
  return (['medical', 'care'] as const).filter((s) => sides.has(s));
}

import { startOfShanghaiDay } from '../../domain/calendar';
import { realInstantOf } from '../../domain/clock';

/** Where a contract's (compressed) policy calendar stands, from what GET /contracts/{id} returns. */
export function policyClockOf(contract: { clockAnchor?: string; createdAt: string }, timeScale: number) {
  const clock = { anchorMs: Date.parse(contract.clockAnchor ?? contract.createdAt), timeScale };
  /** The real instant at which the contract's calendar reaches `date` (00:00 Shanghai) plus `dayFraction` of a day. */
  const realInstant = (date: string, dayFraction = 0) =>
    realInstantOf(clock, startOfShanghaiDay(date) + dayFraction * 86_400_000);
  return {
    clock,
    realInstant,
    async sleepUntil(date: string, dayFraction = 0.25) {
      const wait = realInstant(date, dayFraction) - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

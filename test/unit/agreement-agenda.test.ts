import { agreedQuantitiesOf, type AgreedQuantities } from '../../domain/agreement';
import { periodFromKey, startOfShanghaiDay } from '../../domain/calendar';
import { agenda, AgendaState, describeEvent } from '../../domain/contract-agenda';
import { obligationKinds, periodKindOf, requiredPerPeriod } from '../../domain/obligations';
import { defaultPolicy } from '../../domain/policy';
import { owedPeriod } from '../../domain/work-queue';

const agreed: AgreedQuantities = agreedQuantitiesOf({
  visitFrequency: {
    homeVisitsPerMonth: 2,
    chronicDiseaseReexamsPerQuarter: 6,
    emergencyReferralResponseMinutes: 10,
    healthTalksPerYear: 4,
  },
  communication: { monthlyMeetings: 1, quarterlyMeetings: 1, demandSurveysPerYear: 1 },
});

const state = (over: Partial<AgendaState> = {}): AgendaState => ({
  termEnd: '2028-12-31',
  policy: defaultPolicy,
  next: {
    visit: '2027-03',
    'monthly-meeting': '2027-03',
    meeting: '2027-Q1',
    reexam: '2027-Q1',
    'health-talk': '2027',
    survey: '2027',
    referral: '2027-03',
  },
  agreed,
  reminded: [],
  openRequests: [],
  openActionItems: [],
  ...over,
});

const closeOf = (events: ReturnType<typeof agenda>, obligation: string) =>
  events.find((e) => e.kind === 'obligation-close' && e.obligation === obligation);

describe('agenda of an agreement', () => {
  it("holds each period to the agreement's number, not the policy's", () => {
    const events = agenda(state());
    expect(closeOf(events, 'visit')).toMatchObject({ required: 2, period: periodFromKey('2027-03') });
    expect(closeOf(events, 'monthly-meeting')).toMatchObject({ required: 1, period: periodFromKey('2027-03') });
    expect(closeOf(events, 'reexam')).toMatchObject({ required: 6, period: periodFromKey('2027-Q1') });
    expect(closeOf(events, 'health-talk')).toMatchObject({ required: 4, period: periodFromKey('2027') });
    expect(describeEvent(closeOf(events, 'visit')!).what).toBe('visit 2027-03: 2 required');
  });

  it('judges referrals against the agreed minutes each month, with no reminder', () => {
    const events = agenda(state());
    expect(closeOf(events, 'referral')).toMatchObject({ targetMinutes: 10, atMs: periodFromKey('2027-03').endMs });
    expect(events.some((e) => e.kind === 'obligation-reminder' && e.obligation === 'referral')).toBe(false);
    expect(describeEvent(closeOf(events, 'referral')!).what).toBe('referral 2027-03: within 10 minutes');
  });

  it('reminds of a re-examination quarter with the lead of the quarterly meeting', () => {
    const reminder = agenda(state()).find((e) => e.kind === 'obligation-reminder' && e.obligation === 'reexam');
    expect(reminder!.atMs).toBe(startOfShanghaiDay('2027-03-17'));
  });

  it('tracks only the obligations a run carries: a run from before the agreement has the policy three', () => {
    const events = agenda(state({ next: { visit: '2027-03', meeting: '2027-Q1', survey: '2027' }, agreed: undefined }));
    const closed = new Set(events.flatMap((e) => (e.kind === 'obligation-close' ? [e.obligation] : [])));
    expect([...closed].sort()).toEqual(['meeting', 'survey', 'visit']);
    expect(closeOf(events, 'visit')).toMatchObject({ required: defaultPolicy.obligations.visitsPerMonth });
  });

  it('owes nothing for an item agreed at zero, but still closes the month (it ends the run)', () => {
    const none = { ...agreed, homeVisitsPerMonth: 0, healthTalksPerYear: 0 };
    const events = agenda(state({ agreed: none }));
    expect(closeOf(events, 'visit')).toMatchObject({ required: 0 });
    expect(events.some((e) => e.kind === 'obligation-reminder' && e.obligation === 'visit')).toBe(false);
    expect(closeOf(events, 'health-talk')).toBeUndefined();
  });

  it('without an agreement the policy decides: meetings per its period, new kinds not owed', () => {
    expect(periodKindOf('meeting', defaultPolicy)).toBe('quarter');
    expect(periodKindOf('meeting', { obligations: { ...defaultPolicy.obligations, meetingPeriod: 'month' } })).toBe(
      'month',
    );
    expect(obligationKinds.map((o) => requiredPerPeriod(o, defaultPolicy))).toEqual([1, 1, 1, 0, 0, 0, 0]);
  });

  it('the work queue owes the agreed number for the period containing today', () => {
    const contract = { policy: defaultPolicy, termEnd: '2028-12-31', obligationsStart: '2027-01-01', agreed };
    expect(owedPeriod('reexam', contract, '2027-05-10')).toMatchObject({ key: '2027-Q2' });
    expect(owedPeriod('health-talk', contract, '2027-05-10')).toMatchObject({ key: '2027' });
    expect(owedPeriod('health-talk', { ...contract, agreed: { ...agreed, healthTalksPerYear: 0 } }, '2027-05-10')).toBe(
      undefined,
    );
  });
});

import { agreedQuantitiesOf, defaultCommunication } from '../../domain/agreement';
import { describeFloorViolation, floorViolations } from '../../domain/agreement-floors';
import { defaultPolicy, resolvePolicy } from '../../domain/policy';
import { policyViolations } from '../../domain/policy-rules';
import { cite } from '../../domain/sources';

const visitFrequency = {
  homeVisitsPerMonth: 1,
  chronicDiseaseReexamsPerQuarter: 0,
  emergencyReferralResponseMinutes: 15,
  healthTalksPerYear: 0,
};

describe('agreement floors', () => {
  it('an agreement at the default floors keeps them all, and one without communication terms reads the defaults', () => {
    expect(floorViolations({ visitFrequency }, defaultPolicy)).toEqual([]);
    expect(agreedQuantitiesOf({ visitFrequency })).toMatchObject(defaultCommunication);
  });

  it('names each item below its floor (or above the referral limit), the floor and its source', () => {
    const violations = floorViolations(
      {
        visitFrequency: { ...visitFrequency, emergencyReferralResponseMinutes: 20 },
        communication: { monthlyMeetings: 0, quarterlyMeetings: 0, demandSurveysPerYear: 1 },
      },
      defaultPolicy,
    );
    expect(violations).toEqual([
      {
        item: 'visitFrequency.emergencyReferralResponseMinutes',
        agreed: 20,
        floor: 15,
        bound: 'at-most',
        source: cite('chongqingContracting', '1'),
      },
      {
        item: 'communication.quarterlyMeetings',
        agreed: 0,
        floor: 1,
        bound: 'at-least',
        source: cite('chongqingContracting', '3.2'),
      },
    ]);
    expect(violations.map(describeFloorViolation)).toEqual([
      `visitFrequency.emergencyReferralResponseMinutes 20 is above the limit of 15 (${cite('chongqingContracting', '1')})`,
      `communication.quarterlyMeetings 0 is below the floor of 1 (${cite('chongqingContracting', '3.2')})`,
    ]);
  });

  it("holds a draft to the region's own floors, and a snapshot stored before floors to the defaults", () => {
    const strict = resolvePolicy({ agreementFloors: { homeVisitsPerMonth: 2, healthTalksPerYear: 4 } });
    expect(floorViolations({ visitFrequency }, strict).map((v) => [v.item, v.floor, v.source])).toEqual([
      ['visitFrequency.homeVisitsPerMonth', 2, cite('chongqingContracting', '3.2')],
      ['visitFrequency.healthTalksPerYear', 4, 'project default'],
    ]);
    const older = { agreementFloors: undefined };
    expect(
      floorViolations({ visitFrequency: { ...visitFrequency, homeVisitsPerMonth: 0 } }, older).map((v) => v.item),
    ).toEqual(['visitFrequency.homeVisitsPerMonth']);
  });

  it('a region cannot set a floor outside its bounds', () => {
    const paths = policyViolations(
      resolvePolicy({ agreementFloors: { quarterlyMeetings: -1, maxEmergencyReferralResponseMinutes: 0 } }),
    ).map((v) => v.path);
    expect(paths).toEqual(['agreementFloors.quarterlyMeetings', 'agreementFloors.maxEmergencyReferralResponseMinutes']);
  });
});

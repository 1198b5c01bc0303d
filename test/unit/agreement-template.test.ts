import { termDeviations } from '../../domain/agreement-template';
import { agreementTerms } from '../support/fixtures';

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('termDeviations', () => {
  it('finds none when the agreed terms are the template', () => {
    expect(termDeviations(agreementTerms, clone(agreementTerms))).toEqual([]);
  });

  it('names each changed item by its path, with both values', () => {
    const agreed = clone(agreementTerms);
    agreed.visitFrequency.homeVisitsPerMonth = 3;
    agreed.charging.settlementCycle = 'monthly';
    agreed.serviceItems.rehabilitationNursing.included = false;
    expect(termDeviations(agreementTerms, agreed)).toEqual([
      {
        path: 'visitFrequency.homeVisitsPerMonth',
        template: agreementTerms.visitFrequency.homeVisitsPerMonth,
        agreed: 3,
      },
      { path: 'serviceItems.rehabilitationNursing.included', template: true, agreed: false },
      { path: 'charging.settlementCycle', template: 'quarterly', agreed: 'monthly' },
    ]);
  });

  it('compares the liability list position by position, a missing or added entry as null on one side', () => {
    const longer = clone(agreementTerms);
    const extra = { party: 'shared', matter: 'Transfers between beds' };
    longer.liability.push(extra);
    longer.liability[0]!.matter = 'Medical quality';
    expect(termDeviations(agreementTerms, longer)).toEqual([
      { path: 'liability.0.matter', template: agreementTerms.liability[0]!.matter, agreed: 'Medical quality' },
      { path: 'liability.2', template: null, agreed: extra },
    ]);
    expect(termDeviations(longer, agreementTerms)).toEqual([
      { path: 'liability.0.matter', template: 'Medical quality', agreed: agreementTerms.liability[0]!.matter },
      { path: 'liability.2', template: extra, agreed: null },
    ]);
  });

  it('reports an item only one side has (a term added after the template was published)', () => {
    const agreed = { ...clone(agreementTerms), communication: { meetingsPerMonth: 1 } };
    expect(termDeviations(agreementTerms, agreed)).toEqual([
      { path: 'communication', template: null, agreed: { meetingsPerMonth: 1 } },
    ]);
  });
});

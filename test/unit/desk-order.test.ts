import { type DeskOrder, extensionsLeft } from '../../console/src/pages/desk/desk-order';

const order = (extensions: number, extensionsAllowed?: number): DeskOrder => ({
  id: 'o-1',
  contractId: 'c-1',
  regionCode: 'R1',
  step: 'awaiting-evidence',
  deadline: '2027-02-01',
  extensions,
  deadlines: [{ kind: 'evidence', computedFrom: extensionsAllowed === undefined ? {} : { extensionsAllowed } }],
  itemized: false,
  findings: [],
  revocationDecision: null,
});

describe("the desk's extension form", () => {
  it('is offered while the policy allows another extension', () => {
    expect(extensionsLeft(order(0, 1))).toBe(1);
    expect(extensionsLeft(order(1, 2))).toBe(1);
  });

  it('is withdrawn once the extensions the policy allows were granted', () => {
    expect(extensionsLeft(order(1, 1))).toBe(0);
    expect(extensionsLeft(order(0, 0))).toBe(0);
  });

  it('is offered when the order does not say how many are allowed (the API decides)', () => {
    expect(extensionsLeft(order(1))).toBe(1);
  });
});

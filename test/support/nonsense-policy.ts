/** Issue 9 finding 2, verbatim: every weight, threshold, base rate and factor 0. */
export const nonsensePolicy = {
  evaluation: {
    weights: { serviceQuality: 0, satisfaction: 0, cooperation: 0 },
    thresholds: { excellent: 0, qualified: 0 },
  },
  subsidy: {
    baseRateFenPerResident: 0,
    privateForProfitFactorBp: 0,
    remoteDistrictFactorBp: 0,
    gradeFactorBp: { excellent: 0, qualified: 0, unqualified: 0 },
  },
};

import { z } from '../../openapi';

export const CapacityWarningSchema = z
  .object({
    stage: z.enum(['draft', 'sign']).describe('raised when the contract was drafted, or at a signature'),
    at: z.string(),
    visitsPerMonth: z.number().int().describe('home visits a month this contract agrees to'),
    otherContractsVisitsPerMonth: z
      .number()
      .int()
      .describe("home visits a month of the hospital's other contracts in force or drafted"),
    committedStaff: z.number().int().describe('medical staff the hospital committed to cooperation'),
    maxVisitsPerStaff: z.number().int().describe('policy: home visits a month per committed staff member'),
    capacity: z.number().int().describe('committedStaff × maxVisitsPerStaff'),
    exceededBy: z.number().int().describe('visitsPerMonth + otherContractsVisitsPerMonth − capacity'),
  })
  .describe(
    "the hospital's agreed home visits exceed the staff it committed (a warning to the regulator, not a block); " +
      'absent when within capacity or when the hospital declared no committed staff (then nothing is checked)',
  )
  .openapi('CapacityWarning');

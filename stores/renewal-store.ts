import type { DbOrTx } from '../platform/db';

export const RENEWALS_TABLE = 'renewals';

export interface RenewalRecord {
  previousTermEnd: string;
  newTermEnd: string;
  renewedBy: string;
  renewedAt: string;
}

export async function listRenewals(db: DbOrTx, contractId: string): Promise<RenewalRecord[]> {
  const rows = await db(RENEWALS_TABLE).where({ contract_id: contractId }).orderBy('id');
  return rows.map((r) => ({
    previousTermEnd: r.previous_term_end,
    newTermEnd: r.new_term_end,
    renewedBy: r.renewed_by,
    renewedAt: new Date(r.renewed_at).toISOString(),
  }));
}

export async function insertRenewal(
  db: DbOrTx,
  contractId: string,
  r: Omit<RenewalRecord, 'renewedAt'>,
): Promise<void> {
  await db(RENEWALS_TABLE)
    .insert({
      contract_id: contractId,
      previous_term_end: r.previousTermEnd,
      new_term_end: r.newTermEnd,
      renewed_by: r.renewedBy,
    })
    .onConflict(['contract_id', 'new_term_end'])
    .ignore();
}

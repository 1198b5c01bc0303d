import { z } from './openapi';
import { ProblemError } from './problem';

/** Keyset pages by (name, id): a row added or removed between two pages never shifts the others. */
export const PageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .openapi({ type: 'integer', description: 'rows per page, 1–200' }),
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,1000}$/, 'a cursor from a previous page')
    .optional()
    .describe("the previous page's nextCursor"),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int().describe('rows on every page together'),
    nextCursor: z.string().optional().describe('absent on the last page'),
  });

export type NameKey = { name: string; id: string };

export function decodeCursor(cursor: string | undefined): NameKey | undefined {
  if (cursor === undefined) return undefined;
  try {
    const [name, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (
      typeof name === 'string' &&
      !name.includes('\u0000') &&
      typeof id === 'string' &&
      z.uuid().safeParse(id).success
    )
      return { name, id };
  } catch {
    // Falls through to the problem below.
  }
  throw new ProblemError('validation-failed', 'query.cursor: not a cursor this API gave out', {
    errors: [{ path: 'query.cursor', message: 'not a cursor this API gave out' }],
  });
}

export function pageFrom<T extends NameKey>(rows: { items: T[]; total: number }, limit: number) {
  const last = rows.items.length === limit ? rows.items[rows.items.length - 1] : undefined;
  return {
    items: rows.items,
    total: rows.total,
    ...(last ? { nextCursor: Buffer.from(JSON.stringify([last.name, last.id])).toString('base64url') } : {}),
  };
}

import { useState } from 'react';

/** Keyset paging shown as numbered pages: the cursor of each page reached so far, page 1 has none. */
export function useCursorPages() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState(1);
  return {
    page,
    cursor: cursors[page - 1],
    reset: () => {
      setCursors([undefined]);
      setPage(1);
    },
    go: (next: number, nextCursor: string | undefined) => {
      if (next > page && nextCursor) setCursors((c) => [...c.slice(0, page), nextCursor]);
      setPage(next);
    },
  };
}

import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useMemo } from 'react';
import { IdempotencyKeys } from './idempotency';

/**
 * A form's submission: `send(body, idempotencyKey)` calls the API (through `unwrap`); the key is the
 * same for a retried submission of the same content (see IdempotencyKeys). On success the queries
 * named in `invalidates` are refetched. `scope` names the form and its subject, e.g. `visit:<contractId>`.
 */
export function useCommand<B, R>(options: {
  scope: string;
  send: (body: B, idempotencyKey: string) => Promise<R>;
  invalidates?: QueryKey[];
  onSuccess?: (result: R) => void;
}) {
  const queryClient = useQueryClient();
  const keys = useMemo(() => new IdempotencyKeys(options.scope), [options.scope]);
  return useMutation({
    mutationFn: (body: B) => options.send(body, keys.keyFor(body)),
    onSuccess: async (result) => {
      keys.settle();
      await Promise.all((options.invalidates ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
      options.onSuccess?.(result);
    },
  });
}

import { type ComponentType, lazy, Suspense } from 'react';
import { Loading } from './Loading';

/**
 * A page loaded when first opened: each role's screens are their own chunk, so nobody downloads
 * the others' (nor the charting library) to sign in.
 */
export function lazyPage(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => ({ default: await load() }));
  return (
    <Suspense fallback={<Loading />}>
      <Page />
    </Suspense>
  );
}

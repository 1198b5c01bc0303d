import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazyPage';

/** The party screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const partyRoutes: RouteObject[] = [
  { path: 'rectifications/:id/receipt', element: lazyPage(() => import('./ReceiptPage').then((m) => m.ReceiptPage)) },
];

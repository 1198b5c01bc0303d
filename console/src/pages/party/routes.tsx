import type { RouteObject } from 'react-router';
import { ReceiptPage } from './ReceiptPage';

/** The party screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const partyRoutes: RouteObject[] = [{ path: 'rectifications/:id/receipt', element: <ReceiptPage /> }];

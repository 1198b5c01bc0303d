import type { RouteObject } from 'react-router';
import { CyclePage } from './CyclePage';
import { CyclesPage } from './CyclesPage';

/** The cycles screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const cyclesRoutes: RouteObject[] = [
  { path: 'cycles', element: <CyclesPage /> },
  { path: 'cycles/:id', element: <CyclePage /> },
];

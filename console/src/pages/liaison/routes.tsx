import type { RouteObject } from 'react-router';
import { lazyPage } from '../../components/lazyPage';

/** The liaison screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const liaisonRoutes: RouteObject[] = [
  { path: 'contracts/:id/visits/new', element: lazyPage(() => import('./VisitForm').then((m) => m.VisitPage)) },
  { path: 'contracts/:id/meetings/new', element: lazyPage(() => import('./MeetingForm').then((m) => m.MeetingPage)) },
  { path: 'contracts/:id/surveys/new', element: lazyPage(() => import('./SimpleForms').then((m) => m.SurveyPage)) },
  { path: 'contracts/:id/requests/new', element: lazyPage(() => import('./SimpleForms').then((m) => m.RequestPage)) },
  { path: 'contracts/:id/referrals/new', element: lazyPage(() => import('./SimpleForms').then((m) => m.ReferralPage)) },
  {
    path: 'contracts/:id/health-talks/new',
    element: lazyPage(() => import('./SimpleForms').then((m) => m.HealthTalkPage)),
  },
];

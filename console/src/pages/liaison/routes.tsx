import type { RouteObject } from 'react-router';
import { MeetingPage } from './MeetingForm';
import { HealthTalkPage, ReferralPage, RequestPage, SurveyPage } from './SimpleForms';
import { VisitPage } from './VisitForm';

/** The liaison screens' routes under /console (mounted inside the signed-in shell by routes.tsx). */
export const liaisonRoutes: RouteObject[] = [
  { path: 'contracts/:id/visits/new', element: <VisitPage /> },
  { path: 'contracts/:id/meetings/new', element: <MeetingPage /> },
  { path: 'contracts/:id/surveys/new', element: <SurveyPage /> },
  { path: 'contracts/:id/requests/new', element: <RequestPage /> },
  { path: 'contracts/:id/referrals/new', element: <ReferralPage /> },
  { path: 'contracts/:id/health-talks/new', element: <HealthTalkPage /> },
];

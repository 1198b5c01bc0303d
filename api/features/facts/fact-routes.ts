import type { ApiDeps } from '../../api-deps';
import type { defineRoutes } from '../../route';
import { createFactService } from './fact-service';
import { registerHealthTalkRoutes } from './health-talk-routes';
import { registerMeetingRoutes } from './meeting-routes';
import { registerReferralRoutes } from './referral-routes';
import { registerRequestRoutes } from './request-routes';
import { registerSurveyRoutes } from './survey-routes';
import { registerVisitRoutes } from './visit-routes';

/** Facts the parties record under an active contract (visits, meetings, surveys, requests, referrals, health talks). */
export function registerFactRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const facts = createFactService(deps);
  registerVisitRoutes(route, facts);
  registerMeetingRoutes(route, facts);
  registerSurveyRoutes(route, facts);
  registerRequestRoutes(route, facts);
  registerReferralRoutes(route, facts);
  registerHealthTalkRoutes(route, facts);
}

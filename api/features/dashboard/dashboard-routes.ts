import type { ApiDeps } from '../../api-deps';
import { FileBodySchema, type defineRoutes } from '../../route';
import { RegionCodeParams } from '../regions/region-routes';
import { exportTable, exportTypes } from './dashboard-export';
import { ContractRowsQuery, ContractRowsSchema, DashboardSchema, ExportQuery, WindowQuery } from './dashboard-schemas';
import { createDashboardService } from './dashboard-service';

/** The regulator's view of its region (issue 11): figures, the per-contract lights, and their export. */
export function registerDashboardRoutes(route: ReturnType<typeof defineRoutes>, deps: ApiDeps) {
  const dashboards = createDashboardService(deps);
  const roles = ['admin', 'regulator'] as const;

  route({
    method: 'get',
    path: '/regions/:code/dashboard',
    summary:
      "The region's supervision figures over a window of months: coverage, regular service, visits, meetings, " +
      'requests, referrals, grades, rectifications, revocations, subsidy, a monthly trend, with definitions',
    tag: 'dashboard',
    roles,
    params: RegionCodeParams,
    query: WindowQuery,
    response: { status: 200, schema: DashboardSchema, description: 'Every figure with its numerator and denominator' },
    problems: [404],
    handler: async ({ user, params, query }) => dashboards.dashboard(user, params.code, query),
  });

  route({
    method: 'get',
    path: '/regions/:code/dashboard/contracts',
    summary: "The region's contracts with a red, yellow or green light and the reasons for it",
    tag: 'dashboard',
    roles,
    params: RegionCodeParams,
    query: ContractRowsQuery,
    response: { status: 200, schema: ContractRowsSchema, description: "One page of rows, by the home's name" },
    problems: [404],
    handler: async ({ user, params, query }) => dashboards.contractRows(user, params.code, query),
  });

  route({
    method: 'get',
    path: '/regions/:code/dashboard/contracts/export',
    summary:
      'The per-contract table as a file: CSV (UTF-8 with BOM, opens in Excel) or an Excel workbook (xlsx), ' +
      "column titles in the caller's language",
    tag: 'dashboard',
    roles,
    params: RegionCodeParams,
    query: ExportQuery,
    response: {
      status: 200,
      schema: FileBodySchema,
      description: 'Every row the filters select, as an attachment',
      files: [exportTypes.csv.split(';')[0]!, exportTypes.xlsx],
    },
    problems: [404],
    handler: async ({ user, params, query }) => {
      const { window, rows } = await dashboards.exportRows(user, params.code, query);
      const name = `contracts-${params.code}-${window.from}-${window.to}${query.light ? `-${query.light}` : ''}`;
      return exportTable(rows, query.format, user.locale, name);
    },
  });
}

import { ensureGoTool, type GoTool } from './go-tool';

/**
 * The Temporal server, its schema tool and its Web UI for TEMPORAL_MODE=cluster, pinned to the
 * versions docker-compose.yml deploys. Built with `go install` into the same cache as the CLI.
 */
export const TEMPORAL_SERVER: GoTool = {
  command: 'temporal-server',
  binary: 'server',
  title: 'Temporal server',
  goPackage: 'go.temporal.io/server/cmd/server',
  version: 'v1.29.1',
  envVar: 'TEMPORAL_SERVER_BIN',
  installUrl: 'https://github.com/temporalio/temporal/releases/tag/v1.29.1',
};

export const TEMPORAL_SQL_TOOL: GoTool = {
  command: 'temporal-sql-tool',
  binary: 'sql',
  title: 'Temporal SQL schema tool',
  goPackage: 'go.temporal.io/server/cmd/tools/sql',
  version: TEMPORAL_SERVER.version,
  envVar: 'TEMPORAL_SQL_TOOL_BIN',
  installUrl: TEMPORAL_SERVER.installUrl,
};

/** The UI the Temporal CLI v1.5.1 embeds: already in the Go module cache wherever the CLI was built. */
export const TEMPORAL_UI_SERVER: GoTool = {
  command: 'temporal-ui-server',
  binary: 'server',
  title: 'Temporal Web UI server',
  goPackage: 'github.com/temporalio/ui-server/v2/cmd/server',
  version: 'v2.42.1',
  envVar: 'TEMPORAL_UI_SERVER_BIN',
  installUrl: 'https://github.com/temporalio/ui-server/releases/tag/v2.42.1',
};

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  uiServer?: string;
}

export function ensureTemporalServerBinaries(
  options: { ui: boolean },
  log: (msg: string) => void = console.log,
): TemporalServerBinaries {
  return {
    server: ensureGoTool(TEMPORAL_SERVER, log),
    sqlTool: ensureGoTool(TEMPORAL_SQL_TOOL, log),
    uiServer: options.ui ? ensureGoTool(TEMPORAL_UI_SERVER, log) : undefined,
  };
}

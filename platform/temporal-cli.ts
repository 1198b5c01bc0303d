import { ensureGoTool, type GoTool } from './go-tool';

export const TEMPORAL_CLI: GoTool = {
  command: 'temporal',
  title: 'Temporal CLI',
  // Later tags carry a replace directive and cannot be go-installed.
  goPackage: 'github.com/temporalio/cli/cmd/temporal',
  version: 'v1.5.1',
  envVar: 'TEMPORAL_CLI',
  installUrl: 'https://docs.temporal.io/cli',
};

/** The Temporal CLI (dev server + Web UI); see ensureGoTool for where it comes from. */
export function ensureTemporalCli(log: (msg: string) => void = console.log): string {
  return ensureGoTool(TEMPORAL_CLI, log);
}

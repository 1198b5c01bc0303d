import { ensureTemporalCli } from '../platform/temporal-cli';
import { ensureTemporalServerBinaries } from '../platform/temporal-server-tools';

/**
 * The Go binaries `npm test` runs, built once into ~/.cache/carepact/tools (minutes on a fresh
 * machine, nothing after): the Temporal CLI for the dev server, and the Temporal server and its SQL
 * schema tool for the cluster run (no Web UI: no test opens it). .ci/run calls this before the
 * tests so that a machine without Go fails at once, saying what to install, instead of halfway.
 */
try {
  const log = (message: string) => console.log(message);
  const cli = ensureTemporalCli(log);
  const { server, sqlTool } = ensureTemporalServerBinaries({ ui: false }, log);
  console.log(`Temporal binaries ready: ${cli}, ${server}, ${sqlTool}`);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}

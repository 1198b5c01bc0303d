/** The workflow entry the worker bundles (resolves to .ts in tests, .js when built). */
export function workflowsPath(): string {
  return require.resolve('../workflows');
}

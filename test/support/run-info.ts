import fs from 'node:fs';
import path from 'node:path';

/** What the global setup started, handed to every test file (they run in other processes). */
export interface RunInfo {
  pgAdminUrl: string;
  templateDatabase: string;
  temporalAddress: string;
  workflowBundlePath: string;
}

export const runInfoFile = path.join(__dirname, '..', '.run', 'stack.json');

export function readRunInfo(): RunInfo {
  return JSON.parse(fs.readFileSync(runInfoFile, 'utf8'));
}

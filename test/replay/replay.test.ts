import fs from 'node:fs';
import path from 'node:path';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { readRunInfo } from '../support/run-info';

const dir = path.join(__dirname, 'histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

/**
 * Histories recorded from real runs (RECORD_HISTORIES=1 npm test, through recordHistory in
 * test/support/record-history.ts) replay against today's workflow code: a change that breaks
 * determinism for running contracts fails here, before it ships. Recording adds missing files and
 * keeps existing ones, which are the only runs of older code we have (RECORD_HISTORIES=overwrite
 * replaces them).
 */
describe('replaying recorded workflow histories', () => {
  beforeAll(() => Runtime.install({ logger: new DefaultLogger('WARN') }));

  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(2);
  });

  it.each(files)('%s replays deterministically', async (file) => {
    const history = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    await Worker.runReplayHistory(
      { workflowBundle: { codePath: readRunInfo().workflowBundlePath } },
      history,
      file.replace(/\.json$/, ''),
    );
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureGoTool, goToolCacheDir, type GoTool } from '../../platform/go-tool';
import { MAILPIT } from '../../platform/mailpit';
import { TEMPORAL_CLI } from '../../platform/temporal-cli';

const tool: GoTool = {
  command: 'carepact-test-tool',
  title: 'Test tool',
  goPackage: 'example.org/carepact-test-tool',
  version: 'v0.1.2',
  envVar: 'CAREPACT_TEST_TOOL',
  installUrl: 'https://example.org',
};

describe('go tools', () => {
  const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, CAREPACT_TEST_TOOL: process.env.CAREPACT_TEST_TOOL };
  let cache: string;
  beforeEach(() => {
    cache = fs.mkdtempSync(path.join(os.tmpdir(), 'carepact-go-tool-'));
    process.env.XDG_CACHE_HOME = cache;
  });
  afterEach(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    fs.rmSync(cache, { recursive: true, force: true });
  });

  it('caches each tool per version, where the Temporal CLI has always been cached', () => {
    expect(goToolCacheDir(TEMPORAL_CLI, { XDG_CACHE_HOME: '/c' })).toBe('/c/carepact/tools/temporal-1.5.1');
    expect(goToolCacheDir(MAILPIT, { XDG_CACHE_HOME: '/c' })).toBe('/c/carepact/tools/mailpit-1.33.1');
  });

  it('uses an explicit binary, else the cached build, without running go', () => {
    process.env.CAREPACT_TEST_TOOL = path.join(cache, 'missing');
    expect(() => ensureGoTool(tool)).toThrow(`CAREPACT_TEST_TOOL=${path.join(cache, 'missing')} does not exist`);
    delete process.env.CAREPACT_TEST_TOOL;

    const cached = path.join(cache, 'carepact', 'tools', 'carepact-test-tool-0.1.2', 'carepact-test-tool');
    fs.mkdirSync(path.dirname(cached), { recursive: true });
    fs.writeFileSync(cached, '#!/bin/sh\n', { mode: 0o755 });
    const log = jest.fn();
    expect(ensureGoTool(tool, log)).toBe(cached);
    expect(log).not.toHaveBeenCalled();
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { SearchAttributeType } from '@temporalio/common';
import { allSearchAttributeKeys } from '../../domain/search-attributes';
import { serverEnv, temporalDeployDir } from '../../platform/temporal-cluster';
import { TEMPORAL_SERVER, TEMPORAL_UI_SERVER } from '../../platform/temporal-server-tools';

/**
 * docker-compose.yml and TEMPORAL_MODE=cluster must run the same Temporal: one release, one server
 * configuration, one list of search attributes. What is tested here is then what compose deploys.
 */
const root = path.join(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const compose = read('docker-compose.yml');
const serverConfig = read('deploy/temporal/config/carepact.yaml');

/** One service's lines, by indentation: compose is laid out by prettier, two spaces a level. */
function service(name: string): string {
  const lines = compose.split('\n');
  const start = lines.indexOf(`  ${name}:`);
  if (start < 0) throw new Error(`docker-compose.yml has no service ${name}`);
  const end = lines.findIndex((line, i) => i > start && /^ {0,2}\S/.test(line));
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

function imageOf(name: string): { repository: string; tag: string } {
  const image = /^ {4}image: (\S+)$/m.exec(service(name))?.[1];
  if (!image) throw new Error(`service ${name} has no image`);
  const [repository = '', tag = ''] = image.split(':');
  return { repository, tag };
}

/** The `environment:` mapping of a service, values as written (compose's ${VAR:-default} included). */
function environmentOf(name: string): Record<string, string> {
  const block = /^ {4}environment:\n((?: {6}.*\n)+)/m.exec(`${service(name)}\n`)?.[1] ?? '';
  const env: Record<string, string> = {};
  for (const match of block.matchAll(/^ {6}([A-Z0-9_]+): (.*)$/gm))
    env[match[1]!] = match[2]!.replace(/^'(.*)'$/, '$1');
  return env;
}

/** Every variable the server configuration template reads. */
const configVariables = new Set([...serverConfig.matchAll(/env "([A-Z0-9_]+)"/g)].map((m) => m[1]!));
const version = TEMPORAL_SERVER.version.replace(/^v/, '');

describe('docker-compose.yml and TEMPORAL_MODE=cluster run the same Temporal', () => {
  it('pins the server, admin-tools and UI images to the versions cluster mode builds', () => {
    expect(imageOf('temporal')).toEqual({ repository: 'temporalio/server', tag: version });
    for (const job of ['temporal-schema', 'temporal-setup']) {
      const { repository, tag } = imageOf(job);
      expect(repository).toBe('temporalio/admin-tools');
      // Tagged `<server>-tctl-<x>-cli-<y>`: the release is what the schemas come from.
      expect(tag.split('-')[0]).toBe(version);
    }
    expect(imageOf('temporal-ui')).toEqual({
      repository: 'temporalio/ui',
      tag: TEMPORAL_UI_SERVER.version.replace(/^v/, ''),
    });
  });

  it('starts the server with deploy/temporal/config/carepact.yaml and the dynamic config beside it', () => {
    const temporal = service('temporal');
    const rootDir = /--root (\S+) --config config --env carepact\b/.exec(temporal)?.[1];
    expect(rootDir).toBeDefined();
    expect(temporal).toContain(`- ./deploy/temporal/config:${rootDir}/config:ro`);
    expect(temporal).toContain(`- ./deploy/temporal/dynamicconfig:${rootDir}/dynamicconfig:ro`);
    const dynamicConfig = environmentOf('temporal').DYNAMIC_CONFIG_FILE_PATH ?? '';
    expect(dynamicConfig.startsWith(`${rootDir}/dynamicconfig/`)).toBe(true);
    const file = path.join(temporalDeployDir(), 'dynamicconfig', path.basename(dynamicConfig));
    expect(fs.existsSync(file)).toBe(true);
    // The template's default is compose's path, so both read the same file when it is unset.
    expect(serverConfig).toContain(`default "${dynamicConfig}" (env "DYNAMIC_CONFIG_FILE_PATH")`);
  });

  it('sets up the schemas with the one script both run', () => {
    expect(service('temporal-schema')).toContain('- ./deploy/temporal/setup-schema.sh:/deploy/setup-schema.sh:ro');
    expect(service('temporal-schema')).toContain(`command: ['sh', '/deploy/setup-schema.sh']`);
  });

  it('passes the server only variables its configuration reads, the history shard count among them', () => {
    const composed = Object.keys(environmentOf('temporal'));
    expect(composed).toContain('NUM_HISTORY_SHARDS');
    expect(composed.filter((name) => !configVariables.has(name))).toEqual([]);
    expect(configVariables.has('TEMPORAL_BROADCAST_ADDRESS')).toBe(true);
    expect(service('temporal')).toContain('export TEMPORAL_BROADCAST_ADDRESS=');
  });

  it('gives the local cluster the shard count under the same name', () => {
    const local = serverEnv(
      {
        binaries: { server: 'server', sqlTool: 'sql' },
        postgresUrl: 'postgres://temporal:secret@127.0.0.1:5432/postgres',
        historyShards: 16,
        ports: {
          frontend: 1,
          frontendHttp: 2,
          frontendMembership: 3,
          history: 4,
          historyMembership: 5,
          matching: 6,
          matchingMembership: 7,
          worker: 8,
          workerMembership: 9,
          metrics: 10,
        },
        logFile: 'temporal.log',
      },
      temporalDeployDir(),
    );
    expect(local.NUM_HISTORY_SHARDS).toBe('16');
    const set = new Set(Object.keys(local));
    // Everything the template reads comes from the local cluster too, but what it may leave to defaults.
    const unset = [...configVariables].filter((name) => !set.has(name) && name !== 'SQL_MAX_CONNS');
    expect(unset).toEqual([]);
  });

  it('registers the search attributes the workflows use, as Keyword, in setup-namespace.sh', () => {
    const script = read('deploy/temporal/setup-namespace.sh');
    const listed = /^attrs="([^"]*)"$/m.exec(script)?.[1]?.split(/\s+/) ?? [];
    expect([...listed].sort()).toEqual(allSearchAttributeKeys.map((key) => key.name).sort());
    for (const key of allSearchAttributeKeys) expect(key.type).toBe(SearchAttributeType.KEYWORD);
    expect(script).toContain('--type Keyword');
  });
});

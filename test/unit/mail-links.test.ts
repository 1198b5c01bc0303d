import fs from 'node:fs';
import path from 'node:path';
import { consolePath } from '../../domain/console-links';

/**
 * Every link a mail carries opens a console page: built from PUBLIC_BASE_URL and a consolePath
 * (domain/console-links.ts) or the console's own password page, never an API address that a
 * browser would show as JSON behind a bearer token.
 */
const root = path.join(__dirname, '../..');

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

test('links built from PUBLIC_BASE_URL name a console page', () => {
  const consoleLink = /publicBaseUrl\}(\$\{consolePath\.|\/console\/|\$\{link\})/;
  const offenders = ['activities', 'api', 'worker']
    .flatMap((dir) => tsFiles(path.join(root, dir)))
    .flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ line, where: `${path.relative(root, file)}:${i + 1}` }))
        .filter(({ line }) => /publicBaseUrl\}/.test(line) && !consoleLink.test(line))
        .map(({ where, line }) => `${where}: ${line.trim()}`),
    );
  expect(offenders).toEqual([]);
});

test('console paths are under /console and keep ids in one segment', () => {
  expect(consolePath.contract('c/1')).toBe('/console/contracts/c%2F1');
  expect(consolePath.rectification('r1')).toBe('/console/rectifications/r1');
  expect(consolePath.cycleEvaluations('y1')).toBe('/console/evaluations?cycleId=y1');
  for (const build of Object.values(consolePath)) expect(build('x')).toMatch(/^\/console\//);
});

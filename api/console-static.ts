import express, { type Express, type Response } from 'express';
import type { HelmetOptions } from 'helmet';
import { existsSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { sendProblem } from './error-handler';
import { ProblemError } from './problem';

export const CONSOLE_BASE = '/console';

/**
 * The console is same-origin static files: scripts and styles from files only (no inline script or style, no eval),
 * data from this API, charts drawn on canvas, nothing framed and no plugins.
 */
export const contentSecurityPolicy: HelmetOptions['contentSecurityPolicy'] = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    objectSrc: ["'none'"],
    workerSrc: ["'none'"],
    upgradeInsecureRequests: [],
  },
};

/** dist/console of this checkout, from the compiled api (dist/api) or the sources (api/, as tests run them). */
function defaultConsoleDir(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'console');
}

/** Vite names every file under assets/ by its content hash: a changed file gets a new name, so it may be kept. */
function setCacheHeaders(res: Response, path: string): void {
  const hashed = path.includes(`${sep}assets${sep}`);
  res.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/** A resource's API path and the console page that shows it, for links mailed before mails named the console. */
const pageOf: [RegExp, (id: string) => string][] = [
  [/^\/contracts\/([^/]+)$/, (id) => `${CONSOLE_BASE}/contracts/${id}`],
  [/^\/rectifications\/([^/]+)$/, (id) => `${CONSOLE_BASE}/rectifications/${id}`],
  [/^\/evaluations\/([^/]+)$/, (id) => `${CONSOLE_BASE}/evaluations/${id}`],
  [/^\/evaluation-cycles\/([^/]+)$/, (id) => `${CONSOLE_BASE}/cycles/${id}`],
];

/**
 * A browser opening an API resource's address (an older mail's link) gets its console page; a client
 * asking for JSON, or sending a bearer token, gets the API as before.
 */
const toConsolePage: express.RequestHandler = (req, res, next) => {
  if (req.get('authorization') || req.accepts(['json', 'html']) !== 'html') return next();
  for (const [pattern, page] of pageOf) {
    const id = pattern.exec(req.path)?.[1];
    if (id) return res.redirect(303, page(id));
  }
  next();
};

/**
 * Serves the console built by `npm run build` at /console/: its files, and index.html for every other path under it
 * (the browser router's pages). `/` leads there.
 */
export function serveConsole(app: Express, dir = process.env.CONSOLE_DIR ?? defaultConsoleDir()): void {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  app.get('/', (_req, res) => res.redirect(302, `${CONSOLE_BASE}/`));
  app.get(['/contracts/:id', '/rectifications/:id', '/evaluations/:id', '/evaluation-cycles/:id'], toConsolePage);
  // Routing ignores a trailing slash: only the bare /console is sent on, or /console/ would loop.
  app.get(CONSOLE_BASE, (req, res, next) =>
    req.path === CONSOLE_BASE ? res.redirect(301, `${CONSOLE_BASE}/`) : next(),
  );
  app.use(CONSOLE_BASE, express.static(root, { index: false, redirect: false, setHeaders: setCacheHeaders }));
  app.get(`${CONSOLE_BASE}/{*page}`, (req, res) => {
    if (req.path.startsWith(`${CONSOLE_BASE}/assets/`))
      return sendProblem(req, res, new ProblemError('not-found', `no console file ${req.path}`));
    if (!existsSync(index))
      return sendProblem(req, res, new ProblemError('not-found', 'the console is not built: run `npm run build`'));
    setCacheHeaders(res, index);
    res.sendFile(index);
  });
}

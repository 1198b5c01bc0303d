import express from 'express';
import helmet from 'helmet';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { contentSecurityPolicy, serveConsole } from '../../api/console-static';

/** The console's files as `vite build` lays them out: index.html and content-hashed assets. */
function builtConsole(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'console-static-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

describe('the console served by the API', () => {
  let base: string;
  let close: () => void;

  beforeAll(async () => {
    const app = express();
    app.use(helmet({ contentSecurityPolicy }));
    serveConsole(app, builtConsole());
    app.get('/contracts', (_req, res) => res.json({ items: [] }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  const get = (p: string) => fetch(`${base}${p}`, { redirect: 'manual' });

  it('leads from / and /console to /console/', async () => {
    for (const p of ['/', '/console']) {
      const res = await get(p);
      expect([301, 302]).toContain(res.status);
      expect(res.headers.get('location')).toBe('/console/');
    }
  });

  it('answers every page of the browser router with index.html, never cached', async () => {
    for (const page of [
      '/console/',
      '/console/tasks',
      '/console/contracts/4b0c8f0e-1',
      '/console/regions/CQ/dashboard',
    ]) {
      const res = await get(page);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toContain('<title>console</title>');
    }
  });

  it('keeps hashed assets for a year and answers a missing one 404, not with the page', async () => {
    const asset = await get('/console/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const missing = await get('/console/assets/index-old.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });

  it('sends a CSP without inline scripts or styles, and leaves the API alone', async () => {
    const csp = (await get('/console/')).headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(await (await get('/contracts')).json()).toEqual({ items: [] });
  });
});

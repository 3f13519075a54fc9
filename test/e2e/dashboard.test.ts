/**
 * The dashboard in a real browser against a real `kstorm serve`: the trees render with the right counts,
 * a live update arrives without a reload, the time slider rewinds the heat, clicking an actor outlines
 * its path, an incident opens and exports its STIX bundle, coverage shows, and a command line of
 * `<img src=x onerror=alert(1)>` shows as text with no script run. Screenshots of each view go to
 * test-results/e2e/.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore, lines, post, serve } from '../service/serve-harness.js';
import { launchChromium } from './browser.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SHOTS = `${ROOT}test-results/e2e`;
const XSS = '<img src=x onerror=alert(1)>';

let browser: Browser;
beforeAll(async () => {
  // The dashboard as `npm run build` makes it, so the test sees the current sources.
  await build({ configFile: `${ROOT}web/vite.config.ts`, logLevel: 'warn' });
  await mkdir(SHOTS, { recursive: true });
  browser = await launchChromium();
}, 120_000);
afterAll(async () => browser?.close());

/** Waits for a value in the page: generous, because these machines are shared and slow at times. */
const eventually = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 20_000, interval: 100 });

const node = (page: Page, tree: string, id: string) =>
  page.locator(`[data-tree="${tree}"] [data-node="${id}"]`);

// A browser, a server and a capture per test: slow machines need room (never a timing assertion).
describe('the dashboard', { timeout: 120_000 }, () => {
  it('shows the trees heating up live, actors, incidents and coverage, and renders attacker text as text', async () => {
    const capture = await lines();
    const { data } = await freshStore('sqlite');
    const { url, child } = await serve(data);
    // Up to the SSH login on the bait; the rest arrives while the page is open.
    for (const line of capture.slice(0, 13)) expect((await post(url, line)).status).toBe(200);

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const problems: string[] = [];
    const dialogs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const response = await page.goto(`${url}/`);
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");

    const login = node(page, 'ssh-to-node-logs', 'weak-ssh-login');
    await eventually(() => login.getAttribute('data-count')).toBe('1');
    expect(await login.textContent()).toContain('1 actor · witnessed');
    expect(await node(page, 'ssh-to-node-logs', 'kubectl-logs-leak').getAttribute('data-count')).toBe('0');
    expect(await page.locator('[data-storm-level]').textContent()).toBe('green');

    // Live: the rest of the capture (the PV and symlink records out of order) and the miner.
    const version = Number(await page.locator('.app').getAttribute('data-version'));
    for (const line of capture.slice(13)) expect((await post(url, line)).status).toBe(200);
    await eventually(() =>
      node(page, 'ssh-to-node-logs', 'kubectl-logs-leak').getAttribute('data-count'),
    ).toBe('1');
    await eventually(() => node(page, 'cryptomining', 'resource-hijacking').getAttribute('data-count')).toBe(
      '1',
    );
    expect(Number(await page.locator('.app').getAttribute('data-version'))).toBeGreaterThan(version);
    await eventually(() => page.locator('[data-storm-level]').textContent()).toBe('red');
    expect(await page.locator('[data-tree="ssh-to-node-logs"] figcaption').textContent()).toContain(
      '1 actor entered · 1 reached the goal',
    );
    await page.screenshot({ path: `${SHOTS}/trees.png` });
    // The tree exports as a standalone SVG with its live figures.
    const [svg] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-tree="ssh-to-node-logs"] button', { hasText: 'Download SVG' }).click(),
    ]);
    const exported = await readFile((await svg.path()) ?? '', 'utf8');
    expect(exported).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(exported).toContain('1 actor · witnessed');

    // Keyboard: a node is reachable and Enter opens its figures.
    await login.focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('aside.note').textContent()).toContain(
      'ssh-to-node-logs → weak-ssh-login',
    );

    // The time slider rewinds: at the start of the capture nobody had walked anything.
    await page.locator('input[type=range]').fill('0');
    await eventually(() => login.getAttribute('data-count')).toBe('0');
    await page.screenshot({ path: `${SHOTS}/trees-rewound.png` });
    await page.locator('input[type=range]').fill('1000');
    await eventually(() => login.getAttribute('data-count')).toBe('1');

    // An actor whose command line is markup: it must show as text, and nothing may run.
    const miner = capture.at(-1) ?? '';
    const hostile = miner
      .replace('"arguments":"-o pool.example.net:3333"', `"arguments":"${XSS}"`)
      .replaceAll('bWluZXIteG1yaWcK', 'eHNzLXRlc3QK')
      .replaceAll('2026-03-14T09:07:10', '2026-03-14T09:07:20');
    expect(hostile).toContain(XSS);
    expect((await post(url, hostile)).status).toBe(200);

    await page.click('[data-tab=actors]');
    const minerActor = page.locator('[data-session]', { hasText: 'cryptomining' });
    await minerActor.click();
    await eventually(() => page.locator('.timeline li').count()).toBe(3);
    const detailTree = page.locator('section[aria-label="Actor detail"] svg[data-branch="cryptomining"]');
    expect(await detailTree.locator('[data-on-path="done"]').count()).toBe(3);
    await page.locator('.timeline li button').last().click();
    // The process and its parent shell are both in the observation; the miner's command line is the markup.
    const commandLine = page
      .locator('.observation .field', { hasText: 'process.command_line' })
      .locator('dd', {
        hasText: 'xmrig',
      });
    await eventually(() => commandLine.textContent()).toBe(`/tmp/.x/xmrig ${XSS}`);
    // The sensor's own record, shown whole as text.
    const raw = page.locator('.observation details', { hasText: 'Raw sensor event' });
    await raw.locator('summary').click();
    expect(await raw.locator('pre').textContent()).toContain(`"arguments": "${XSS}"`);
    expect(await page.locator('img').count()).toBe(0);
    await commandLine.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/actor.png` });

    // The SSH actor's path: every step and the goal outlined on the tree.
    await page.locator('[data-session]', { hasText: 'ssh-to-node-logs' }).click();
    const sshTree = page.locator('section[aria-label="Actor detail"] svg[data-branch="ssh-to-node-logs"]');
    await eventually(() => sshTree.locator('[data-on-path="done"]').count()).toBe(5);

    await page.click('[data-tab=incidents]');
    await page.locator('[data-incident]', { hasText: 'ssh-to-node-logs' }).click();
    const incident = page.locator('[data-incident-detail]');
    await eventually(() => incident.locator('.path li').allTextContents()).toEqual([
      'weak-ssh-login',
      'sa-creates-hostpath-pv',
      'ce-var-log-symlink',
      'kubectl-logs-leak',
    ]);
    expect(await incident.locator('h2').textContent()).toContain('critical');
    await page.screenshot({ path: `${SHOTS}/incident.png` });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('text=Export STIX bundle'),
    ]);
    const bundle = JSON.parse(await readFile((await download.path()) ?? '', 'utf8')) as {
      type: string;
      objects: { type: string }[];
    };
    expect(bundle.type).toBe('bundle');
    expect(bundle.objects.filter((o) => o.type === 'incident')).toHaveLength(1);

    await page.click('[data-tab=coverage]');
    // T1078 (Valid Accounts) sits under four tactics; the SSH login witnessed it everywhere.
    const validAccounts = page.locator('[data-technique="T1078"]');
    await eventually(() => validAccounts.count()).toBe(4);
    expect(
      await validAccounts.evaluateAll((cells) => cells.map((c) => c.getAttribute('data-status'))),
    ).toEqual(Array(4).fill('witnessed'));
    // Application exploit (RCE): no leaf of the model can see it.
    expect(await page.locator('[data-technique="MS-TA9009"]').getAttribute('data-status')).toBe('blind');
    await page.screenshot({ path: `${SHOTS}/coverage.png`, fullPage: true });
    await page.click('text=Heatmap');
    await page.screenshot({ path: `${SHOTS}/coverage-heatmap.png`, fullPage: true });

    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
    await page.close();
    child.kill('SIGTERM');
  });

  it('asks for the bearer token when the center requires one, then shows the trees and follows the feed', async () => {
    const token = 'e2e-token-0123456789abcdef';
    const { data } = await freshStore('sqlite');
    const tokens = join(data, 'tokens');
    await writeFile(tokens, `${token}\n`);
    const { url, child } = await serve(data, ['--token-file', tokens]);
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.goto(`${url}/`);
    await page.locator('form.token input').fill(token);
    await page.keyboard.press('Enter');
    await eventually(() => page.locator('[data-tree]').count()).toBeGreaterThan(1);
    const login = node(page, 'ssh-to-node-logs', 'weak-ssh-login');
    expect(await login.getAttribute('data-count')).toBe('0');
    // The feed runs with the token too: a record posted now shows without a reload.
    for (const line of (await lines()).slice(0, 13)) {
      const posted = await fetch(`${url}/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: line,
      });
      expect(posted.status).toBe(200);
    }
    await eventually(() => login.getAttribute('data-count')).toBe('1');
    // The token never appears in a URL the page requested.
    expect(page.url()).not.toContain(token);
    expect(problems).toEqual([]);
    await page.close();
    child.kill('SIGTERM');
  });
});

/**
 * The validation app in real headless Chromium: an admin invites a co-researcher and a researcher,
 * the researcher builds a batch, the co-researcher sets a password, logs in, validates 5 passages
 * with the keyboard only (correcting one label, undoing once), and logs out. Screenshots go to
 * test-artifacts/web/ (desktop, 200 % zoom, tablet) for people to look at.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefaultCodebook } from '../../models/codebooks/codebook.js';
import type { Store } from '../../pipeline/store/store.js';
import { inForce } from '../../pipeline/store/validation-types.js';
import { CHROMIUM_ARGS, DEFAULT_CHROMIUM_PATH } from '../../reports/index.js';
import { buildApp, invitePerson } from '../../web/index.js';
import { RUN_ID, seededStore } from './web-fixtures.js';

const CHROMIUM = DEFAULT_CHROMIUM_PATH;
const ARGS = [...CHROMIUM_ARGS];
const SHOTS = 'test-artifacts/web';
const missing = !existsSync(CHROMIUM);
if (missing && process.env.CI === 'true') throw new Error(`Chromium is required under CI=true (${CHROMIUM})`);
if (missing) console.warn(`[validation-chromium] Chromium not found at ${CHROMIUM}: skipping.`);

let store: Store;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (missing) return;
  mkdirSync(SHOTS, { recursive: true });
  store = await seededStore();
  ({ app } = await buildApp({ store, validation: store.validation, codebook: loadDefaultCodebook() }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

/** Presses Tab until the focused element matches, like a keyboard user looking for it. */
async function tabTo(page: Page, test: (el: { tag: string; text: string; id: string }) => boolean, max = 60) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    const el = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return { tag: a?.tagName.toLowerCase() ?? '', text: (a?.textContent ?? '').trim(), id: a?.id ?? '' };
    });
    if (test(el)) return;
  }
  throw new Error('focus never reached the element with Tab');
}

/** Text elements whose contrast with their background is below 4.5:1. */
async function lowContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (c: number) => {
        const v = c / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const bgOf = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || (c.length === 4 && (c[3] ?? 0) > 0)) return c.slice(0, 3);
      }
      return [255, 255, 255];
    };
    const bad: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      if (!own || (el as HTMLElement).offsetParent === null) continue;
      const fg = lum(rgb(getComputedStyle(el).color));
      const bg = lum(bgOf(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) bad.push(`${el.tagName.toLowerCase()}.${el.className} ${ratio.toFixed(2)}`);
    }
    return bad;
  });
}

describe.skipIf(missing)('validation in Chromium, keyboard only', () => {
  it('invite → password → login → 5 decisions with the keyboard (one corrected, one undone) → logout', async () => {
    const problems: string[] = [];
    const watch = (page: Page) => {
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text());
      });
      page.on('dialog', async (d) => {
        problems.push(`dialog: ${d.message()}`);
        await d.dismiss();
      });
    };

    // The admin, invited as `verbatim serve --create-admin` does, invites two people.
    const admin = await invitePerson(store.validation, {
      email: 'admin@example.org',
      displayName: 'Alex',
      role: 'admin',
    });
    const adminPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    watch(adminPage);
    await adminPage.goto(`${base}${admin.path}`);
    await adminPage.fill('#password', 'administrateur solide');
    await adminPage.fill('#confirm', 'administrateur solide');
    await Promise.all([adminPage.waitForURL(`${base}/personnes`), adminPage.click('button[type=submit]')]);
    const invite = async (name: string, email: string, role: string) => {
      await adminPage.fill('#displayName', name);
      await adminPage.fill('#email', email);
      await adminPage.selectOption('#role', role);
      await Promise.all([adminPage.waitForLoadState('load'), adminPage.click('text=Créer le lien d’invitation')]);
      await adminPage.waitForSelector('#lien');
      return adminPage.inputValue('#lien');
    };
    const claireLink = await invite('Claire', 'claire@example.org', 'coresearcher');
    await adminPage.screenshot({ path: `${SHOTS}/01-admin-invitation.png`, fullPage: true });
    const remiLink = await invite('Rémi', 'remi@example.org', 'researcher');
    expect(claireLink).toMatch(/\/invitation\/[A-Za-z0-9_-]{43}$/);

    // The researcher sets a password and builds a batch of 6 passages for Claire.
    const researcher = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    watch(researcher);
    await researcher.goto(remiLink);
    await researcher.fill('#password', 'chercheur solide 1');
    await researcher.fill('#confirm', 'chercheur solide 1');
    await Promise.all([researcher.waitForURL(`${base}/lots`), researcher.click('button[type=submit]')]);
    await researcher.fill('#name', 'Premier lot');
    await researcher.selectOption('#runId', RUN_ID);
    await researcher.fill('#size', '6');
    await Promise.all([researcher.waitForURL(`${base}/lots?fait=1`), researcher.click('text=Créer le lot')]);
    expect(await researcher.textContent('tbody')).toContain('0 / 6');
    await researcher.screenshot({ path: `${SHOTS}/02-researcher-batches.png`, fullPage: true });

    // Claire, keyboard only, on a tablet-sized window.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    watch(page);
    await page.goto(claireLink);
    await page.screenshot({ path: `${SHOTS}/03-invitation-password.png`, fullPage: true });
    await tabTo(page, (el) => el.id === 'password');
    await page.keyboard.type('patiente partenaire');
    await page.keyboard.press('Tab');
    await page.keyboard.type('patiente partenaire');
    await Promise.all([page.waitForURL(`${base}/validation`), page.keyboard.press('Enter')]);
    // Log out and back in, still with the keyboard.
    await tabTo(page, (el) => el.text === 'Se déconnecter');
    await Promise.all([page.waitForURL(/\/login/), page.keyboard.press('Enter')]);
    await tabTo(page, (el) => el.id === 'email');
    await page.keyboard.type('claire@example.org');
    await page.keyboard.press('Tab');
    await page.keyboard.type('patiente partenaire');
    await Promise.all([page.waitForURL(`${base}/validation`), page.keyboard.press('Enter')]);
    expect(await page.textContent('.progress')).toContain('Passage 1 sur 6');
    expect(await lowContrast(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/04-validation-first.png`, fullPage: true });

    // Passage 1: the first proposed theme is wrong — key 1 unticks it (a correction), then V.
    const firstTheme = await page.getAttribute('input[data-shortcut="1"]', 'value');
    expect(await page.isChecked('input[data-shortcut="1"]')).toBe(true);
    await page.keyboard.press('1');
    expect(await page.isChecked('input[data-shortcut="1"]')).toBe(false);
    await page.screenshot({ path: `${SHOTS}/05-validation-corrected-focus.png`, fullPage: true });
    // The URL stays /validation?fait=… from one passage to the next: wait for each new page.
    const press = (key: string) =>
      Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press(key)]);
    await press('v');
    for (let i = 2; i <= 5; i += 1) {
      expect(await page.textContent('.progress')).toContain(`Passage ${i} sur 6`);
      await press('v');
    }
    // U undoes the 5th decision; V gives it again.
    await press('u');
    expect(page.url()).toContain('fait=annule');
    expect(await page.textContent('.progress')).toContain('Passage 5 sur 6');
    await page.screenshot({ path: `${SHOTS}/06-validation-undone.png`, fullPage: true });
    await press('v');
    expect(await page.textContent('.progress')).toContain('Passage 6 sur 6');

    // The same page at 200 % zoom (half the CSS width) and on a tablet: no sideways scrolling.
    await page.setViewportSize({ width: 640, height: 450 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/07-validation-zoom-200.png`, fullPage: true });
    await page.setViewportSize({ width: 768, height: 1024 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/08-validation-tablet.png`, fullPage: true });

    // Log out with the keyboard.
    await tabTo(page, (el) => el.text === 'Se déconnecter');
    await Promise.all([page.waitForURL(/\/login\?au-revoir=1/), page.keyboard.press('Enter')]);
    expect(await page.textContent('main')).toContain('Vous êtes déconnecté·e');
    await page.screenshot({ path: `${SHOTS}/09-logged-out.png`, fullPage: true });

    // The researcher reads the agreement figures (machine against Claire's 5 answers).
    await researcher.goto(`${base}/accord`);
    const accord = (await researcher.textContent('main')) ?? '';
    expect(accord).toContain('5 passages validés par 1 personne(s)');
    expect(accord).toContain('L’ordinateur face aux personnes');
    expect(await researcher.locator('tbody tr', { hasText: 'Le ton' }).last().textContent()).toContain('100 %');
    expect(await lowContrast(researcher)).toEqual([]);
    await researcher.screenshot({ path: `${SHOTS}/10-researcher-agreement.png`, fullPage: true });

    // Five decisions in force, the corrected one without the unticked theme; no script ran.
    const rows = inForce(await store.validation.listValidations(RUN_ID));
    expect(rows).toHaveLength(5);
    expect(rows.every((r) => !r.unsure)).toBe(true);
    const corrected = rows.find((r) => r.before.themes.includes(firstTheme ?? ''));
    expect(corrected?.themes).not.toContain(firstTheme);
    expect(problems).toEqual([]);
  });
});

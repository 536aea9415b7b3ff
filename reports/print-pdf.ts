/**
 * Prints the HTML report to PDF (and, for visual checks, to PNG) with headless Chromium through
 * playwright-core: the same layout as on screen, with the print style sheet, A4 pages and a
 * running header and footer with page numbers.
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { VerbatimError } from '../pipeline/index.js';
import { escapeHtml } from './escape-html.js';

/** Debian's Chromium; the CLI can point elsewhere. @defaultValue `/usr/bin/chromium` */
export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

/** Flags for a quiet, sandbox-free headless Chromium (containers, CI). */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

/** Options of {@link printPdf} and {@link screenshotPng}. */
export interface ChromiumOptions {
  /** Chromium executable. @defaultValue {@link DEFAULT_CHROMIUM_PATH} */
  executablePath?: string;
}

/** Options of {@link printPdf}. */
export interface PdfOptions extends ChromiumOptions {
  /** Text of the running header (the report title). */
  headerText: string;
  /** Text at the left of the footer (e.g. the run id). */
  footerText: string;
}

/** Starts Chromium; a missing or broken executable is SERVICE_UNREACHABLE (exit code 4). */
async function launch(options: ChromiumOptions): Promise<Browser> {
  const executablePath = options.executablePath ?? DEFAULT_CHROMIUM_PATH;
  if (!existsSync(executablePath)) {
    throw new VerbatimError('SERVICE_UNREACHABLE', `Chromium not found at ${executablePath}: PDF output needs it`, {
      file: executablePath,
    });
  }
  try {
    return await chromium.launch({ executablePath, args: [...CHROMIUM_ARGS] });
  } catch (cause) {
    const reason = cause instanceof Error ? (cause.message.split('\n')[0] ?? cause.message) : String(cause);
    throw new VerbatimError(
      'SERVICE_UNREACHABLE',
      `Chromium at ${executablePath} did not start: ${reason}`,
      { reason },
      { cause },
    );
  }
}

/** Runs `work` with a page holding `html`, closing the browser whatever happens. */
async function withPage<T>(
  html: string,
  options: ChromiumOptions,
  work: (page: import('playwright-core').Page) => Promise<T>,
): Promise<T> {
  const browser = await launch(options);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await work(page);
  } finally {
    await browser.close();
  }
}

const MARGIN_TEMPLATE_STYLE =
  'font-family: system-ui, Arial, sans-serif; font-size: 8px; color: #3d3d3d; width: 100%; padding: 0 15mm;';

/** The report as A4 PDF bytes, with the print style sheet, header and page numbers. */
export async function printPdf(html: string, options: PdfOptions): Promise<Buffer> {
  return withPage(html, options, (page) =>
    page.pdf({
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      preferCSSPageSize: false,
      margin: { top: '18mm', bottom: '16mm', left: '15mm', right: '15mm' },
      headerTemplate: `<div style="${MARGIN_TEMPLATE_STYLE} text-align: right;">${escapeHtml(options.headerText)}</div>`,
      footerTemplate: `<div style="${MARGIN_TEMPLATE_STYLE} display: flex; justify-content: space-between;"><span>${escapeHtml(options.footerText)}</span><span>Page <span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
    }),
  );
}

/** Options of {@link screenshotPng}. */
export interface ScreenshotOptions extends ChromiumOptions {
  /** Viewport width in CSS pixels. @defaultValue 1200 */
  width?: number;
  /** `print` renders with the print style sheet, as the PDF does. @defaultValue 'screen' */
  media?: 'screen' | 'print';
  /** Only this element (CSS selector), e.g. one section. @defaultValue the whole page */
  selector?: string;
}

/** A PNG of the rendered report (whole page or one element), for visual checks. */
export async function screenshotPng(html: string, options: ScreenshotOptions = {}): Promise<Buffer> {
  const [png] = await screenshotPngs(html, [options], options);
  if (png === undefined) throw new VerbatimError('INTERNAL', 'no screenshot taken');
  return png;
}

/** Several PNGs of one page with one browser (starting Chromium costs seconds on a busy machine). */
export async function screenshotPngs(
  html: string,
  shots: readonly Omit<ScreenshotOptions, 'executablePath'>[],
  options: ChromiumOptions = {},
): Promise<Buffer[]> {
  return withPage(html, options, async (page) => {
    const pngs: Buffer[] = [];
    for (const shot of shots) {
      await page.setViewportSize({ width: shot.width ?? 1200, height: 900 });
      await page.emulateMedia({ media: shot.media ?? 'screen' });
      pngs.push(
        shot.selector === undefined
          ? await page.screenshot({ fullPage: true })
          : await page.locator(shot.selector).screenshot(),
      );
    }
    return pngs;
  });
}

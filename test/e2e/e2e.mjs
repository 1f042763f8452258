/* global getComputedStyle, window, WheelEvent */
// End-to-end test of the packaged extension in a real VS Code (code-server), driven through headless
// Chromium with playwright-core. test/e2e/run.sh installs everything, starts code-server and calls this
// file; see test/e2e/README.md. Plain Node ESM on purpose: no build step.
//
// Environment (set by run.sh):
//   E2E_URL             code-server URL that opens the fixture workspace (http://127.0.0.1:PORT/?folder=...)
//   E2E_WORKSPACE       path of that workspace (a fresh copy of test/e2e/fixtures/workspace)
//   E2E_RESULTS         folder for screenshots and logs (test-results/e2e)
//   SHIPSHAPE_E2E_CACHE folder where setup.sh installed playwright-core
//   E2E_CHROMIUM        Chromium binary (default /usr/bin/chromium)
//   E2E_STEP_TIMEOUT_MS time limit of one step (default 60000)
//   E2E_VSIX_BYTES      size of the .vsix under test, printed in the summary
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

function required(name) {
  const v = process.env[name];
  if (!v) {
    console.error(`e2e: ${name} is not set; run test/e2e/run.sh instead of this file`);
    process.exit(2);
  }
  return v;
}

const URL_ = required('E2E_URL');
const WORKSPACE = required('E2E_WORKSPACE');
const RESULTS = process.env.E2E_RESULTS ?? 'test-results/e2e';
const CACHE = process.env.SHIPSHAPE_E2E_CACHE ?? join(homedir(), '.cache', 'shipshape-e2e');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const STEP_TIMEOUT = Number(process.env.E2E_STEP_TIMEOUT_MS ?? 60_000);
const VSIX_BYTES = Number(process.env.E2E_VSIX_BYTES ?? NaN);

const { chromium } = createRequire(join(CACHE, 'package.json'))('playwright-core');

mkdirSync(RESULTS, { recursive: true });
const CONSOLE_LOG = join(RESULTS, 'browser-console.log');

const runStart = Date.now();
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[e2e +${secs(Date.now() - runStart)}] ${msg}`);

// ---------------------------------------------------------------------------------------------------------
// Step machinery: every step has a deadline; a failed step takes a screenshot, says why, and marks the
// remaining steps of its scenario as not run (never silently skipped). The page is then reloaded so that the
// next scenario starts from a known state.

let page;
let browser;
let deadline = 0;
const scenarios = [];
const timings = {};

class StepTimeout extends Error {}

/** Polls `fn` until it returns a truthy value (returned) or the step's deadline passes. */
async function until(what, fn, interval = 100) {
  let lastError;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
      lastError = undefined;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() >= deadline) {
      const why = lastError ? ` (last error: ${String(lastError.message ?? lastError).split('\n')[0]})` : '';
      throw new StepTimeout(`timed out after ${secs(STEP_TIMEOUT)} waiting for ${what}${why}`);
    }
    await sleep(interval);
  }
}

/** Waits until the first element matching `selector` is visible. */
async function visible(selector, what) {
  return until(what, () => page.locator(selector).first().isVisible());
}

async function screenshot(name) {
  const file = join(RESULTS, `${name}.png`);
  // Finite CSS animations (the hover's fade-in) are fast-forwarded, so the picture shows the end state.
  await page.screenshot({ path: file, animations: 'disabled' });
  return file;
}

async function scenario(id, title, steps) {
  const entry = { id, title, status: 'passed', steps: [] };
  scenarios.push(entry);
  log(`scenario ${id}: ${title}`);
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const started = Date.now();
    deadline = started + STEP_TIMEOUT;
    page.setDefaultTimeout(STEP_TIMEOUT);
    let guard;
    try {
      const details = await Promise.race([
        step.run(),
        new Promise((_, reject) => {
          guard = setTimeout(
            () => reject(new StepTimeout(`step did not finish within ${secs(STEP_TIMEOUT + 5000)}`)),
            STEP_TIMEOUT + 5000,
          );
        }),
      ]);
      clearTimeout(guard);
      const shot = step.shot ? await screenshot(step.shot) : undefined;
      entry.steps.push({ name: step.name, status: 'passed', ms: Date.now() - started, shot });
      log(`  ok   ${step.name} (${secs(Date.now() - started)})${details ? `: ${details}` : ''}`);
    } catch (e) {
      clearTimeout(guard);
      entry.status = 'failed';
      const message = String(e?.message ?? e).split('\n')[0];
      let shot;
      try {
        shot = await screenshot(`${step.shot ?? `${id}-step${i + 1}`}-FAILED`);
      } catch (se) {
        shot = `(no screenshot: ${se.message})`;
      }
      entry.steps.push({ name: step.name, status: 'failed', ms: Date.now() - started, shot, message });
      log(`  FAIL ${step.name}: ${message}`);
      log(`       screenshot: ${shot}`);
      for (const rest of steps.slice(i + 1)) {
        entry.steps.push({ name: rest.name, status: 'not run', message: `not run: "${step.name}" failed` });
        log(`  not run: ${rest.name} (because "${step.name}" failed)`);
      }
      await recover();
      return;
    }
  }
}

async function recover() {
  deadline = Date.now() + STEP_TIMEOUT;
  try {
    await page.keyboard.press('Escape');
    await loadWorkbench();
    await closeAllEditors();
  } catch (e) {
    log(`  (could not reset the page after the failure: ${e.message.split('\n')[0]})`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Workbench helpers. Everything waits on what the UI shows.

const ACTIVE_EDITOR = '.part.editor .editor-group-container.active .monaco-editor';
const SQUIGGLES = `${ACTIVE_EDITOR} .view-overlays :is(.squiggly-error, .squiggly-warning, .squiggly-info, .squiggly-hint)`;

async function loadWorkbench() {
  await page.goto(URL_, { waitUntil: 'load' });
  const loaded = Date.now();
  // The workspace folder is shown in the explorer and the status bar exists: keybindings work from here.
  await visible('.explorer-folders-view .monaco-list-row', 'the workspace folder in the Explorer');
  await visible('.part.statusbar', 'the status bar');
  return loaded;
}

async function quickInputVisible() {
  return page.locator('.quick-input-widget').isVisible();
}

/** Runs a command from the command palette by its exact label. */
async function runCommand(label) {
  await page.keyboard.press('F1');
  await until('the command palette', quickInputVisible);
  await page.keyboard.type(label);
  await until(`command "${label}" in the palette`, async () => {
    const focused = page.locator('.quick-input-widget .monaco-list-row.focused').first();
    const aria = (await focused.getAttribute('aria-label', { timeout: 500 })) ?? '';
    if (aria === label || aria.startsWith(`${label},`)) return true;
    throw new Error(`the focused row is "${aria}"`);
  });
  await page.keyboard.press('Enter');
  await until('the command palette to close', async () => !(await quickInputVisible()));
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a user would, and waits until it is the active editor. */
async function openFile(rel) {
  const parts = rel.split('/');
  const base = parts[parts.length - 1];
  const dir = parts.slice(0, -1).join('/');
  await page.keyboard.press('Control+P');
  await until('Quick Open', quickInputVisible);
  await page.keyboard.type(rel);
  await until(`"${rel}" in Quick Open`, async () => {
    const aria =
      (await page
        .locator('.quick-input-widget .monaco-list-row.focused')
        .first()
        .getAttribute('aria-label', { timeout: 500 })) ?? '';
    // Rows read "Dockerfile api, file results" or "Dockerfile, file results"; a file with unsaved changes
    // reads "api-latest.yaml k8s unsaved changes, recently opened".
    const [label] = aria.split(',');
    return label.trim().replace(/ unsaved changes$/, '') === (dir ? `${base} ${dir}` : base);
  });
  await page.keyboard.press('Enter');
  await until(`${rel} to be the active editor`, async () => {
    const crumbs = (
      await page
        .locator('.part.editor .editor-group-container.active .breadcrumbs-control')
        .first()
        .innerText({ timeout: 500 })
    )
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    return crumbs.slice(0, parts.length).join('/') === rel && !(await quickInputVisible());
  });
  await visible(`${ACTIVE_EDITOR} .view-lines`, `the text of ${rel}`);
}

/** The text of the active editor, from the rendered lines in their on-screen order. */
async function editorText() {
  return page
    .locator(`${ACTIVE_EDITOR} .view-lines`)
    .first()
    .evaluate((el) =>
      [...el.querySelectorAll('.view-line')]
        .map((l) => ({ top: parseFloat(l.style.top || '0'), text: l.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text)
        .join('\n'),
    );
}

/**
 * The whole text of the active editor, also the lines scrolled out of view: pages through it with Ctrl+Home
 * and PageDown (which moves the cursor) and keys the rendered lines by their line numbers.
 */
async function wholeEditorText() {
  const byLine = new Map();
  const collect = () =>
    page
      .locator(ACTIVE_EDITOR)
      .first()
      .evaluate((ed) => {
        const numbers = new Map(
          [...ed.querySelectorAll('.margin-view-overlays > div')].map((d) => [
            parseFloat(d.style.top),
            parseInt(d.querySelector('.line-numbers')?.textContent ?? '', 10),
          ]),
        );
        return [...ed.querySelectorAll('.view-lines > .view-line')].map((l) => [
          numbers.get(parseFloat(l.style.top)),
          l.textContent.replace(/\u00a0/g, ' '),
        ]);
      });
  const cursorLine = async () =>
    (await page.locator('#status\\.editor\\.selection').innerText()).match(/Ln (\d+)/)?.[1];
  await page.keyboard.press('Control+Home');
  for (let i = 0; i < 200; i++) {
    for (const [n, text] of await collect()) if (Number.isInteger(n)) byLine.set(n, text);
    const before = await cursorLine();
    await page.keyboard.press('PageDown');
    // At the end PageDown no longer moves the cursor: give it a second to move before calling it the end.
    const end = Date.now() + 1000;
    let moved = false;
    while (!moved && Date.now() < end) {
      moved = (await cursorLine()) !== before;
      if (!moved) await sleep(50);
    }
    if (!moved) break;
  }
  for (const [n, text] of await collect()) if (Number.isInteger(n)) byLine.set(n, text);
  const count = Math.max(...byLine.keys());
  const lines = [];
  for (let n = 1; n <= count; n++) {
    if (!byLine.has(n)) throw new Error(`line ${n} of the editor was never rendered`);
    lines.push(byLine.get(n));
  }
  return lines.join('\n');
}

/** A snippet body expanded with its placeholder defaults (choices take their first option). */
function expandSnippet(body) {
  let text = (Array.isArray(body) ? body : [body]).join('\n');
  const defaults = new Map();
  for (let changed = true; changed;) {
    changed = false;
    text = text
      .replace(/\$\{(\d+)\|([^|}]*?)(?:,[^|}]*)*\|\}/g, (_, n, first) => {
        changed = true;
        defaults.set(n, first);
        return first;
      })
      // A default may name an earlier placeholder (`${8:$1-secrets}`): VS Code shows that one's value.
      .replace(/\$\{(\d+):([^{}]*)\}/g, (_, n, value) => {
        changed = true;
        const v = value.replace(/\$(\d+)/g, (ref, k) => defaults.get(k) ?? ref);
        defaults.set(n, v);
        return v;
      });
  }
  return text.replace(/\$\{(\d+)\}|\$(\d+)/g, (_, a, b) => defaults.get(a ?? b) ?? '').replace(/\\\$/g, '$');
}

async function squiggleCount() {
  return page.locator(SQUIGGLES).count();
}

async function showProblems() {
  if (await page.locator('.markers-panel').isVisible()) return;
  await runCommand('Problems: Focus on Problems View');
  await visible('.markers-panel', 'the Problems panel');
}

/**
 * The rows of the Problems panel: one per finding, with its file ("Dockerfile", "api/Dockerfile"), severity
 * and source (from the row's accessible label: "Warning: <message> at line 1 and character 6. generated by
 * shipshape") and code (the rule id shown after the source).
 *
 * The panel is a virtual list that renders only the rows in view, and a Compose file alone has dozens of
 * findings. When the rows do not all fit, the list is scrolled through page by page with wheel events (VS
 * Code's list reads `wheelDeltaY`, 120 per 50 px) and the rows are keyed by their index; the scroll position
 * is put back afterwards, so screenshots show what they showed before.
 */
async function problems() {
  const rows = await page
    .locator('.markers-panel .monaco-list')
    .first()
    .evaluate((list) => {
      const container = list.querySelector('.monaco-list-rows');
      const scrollable = list.querySelector('.monaco-scrollable-element');
      const byIndex = new Map();
      const collect = () => {
        for (const r of container.querySelectorAll(':scope > .monaco-list-row'))
          byIndex.set(Number(r.dataset.index), {
            level: r.getAttribute('aria-level'),
            aria: r.getAttribute('aria-label') ?? '',
            text: r.innerText.replace(/\s+/g, ' ').trim(),
          });
      };
      const scrollTop = () => -parseFloat(container.style.top || '0');
      const wheel = (px) => {
        const ev = new WheelEvent('wheel', { deltaY: px, bubbles: true, cancelable: true, view: window });
        const ratio = window.devicePixelRatio || 1;
        Object.defineProperty(ev, 'wheelDeltaY', { value: (-px / 50) * 120 * ratio });
        Object.defineProperty(ev, 'wheelDeltaX', { value: 0 });
        scrollable.dispatchEvent(ev);
      };
      collect();
      const view = list.clientHeight;
      if (parseFloat(container.style.height || '0') > view + 1) {
        const start = scrollTop();
        wheel(-start - 1);
        for (let guard = 0; guard < 500; guard++) {
          collect();
          const before = scrollTop();
          wheel(Math.max(22, view - 22));
          if (scrollTop() === before) break;
        }
        collect();
        wheel(start - scrollTop());
      }
      return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
    });
  const out = [];
  let file = '';
  for (const r of rows) {
    if (r.level === '1') {
      // "1 problems in file Dockerfile of folder api"; the root folder is "."
      const m = /in file (.+) of folder (.+)$/.exec(r.aria);
      file = m ? (m[2] === '.' ? m[1] : `${m[2]}/${m[1]}`) : r.aria;
    } else {
      const severity = (/^(Error|Warning|Info|Hint)/i.exec(r.aria)?.[1] ?? 'unknown').toLowerCase();
      const source = /generated by (\S+)\s*$/.exec(r.aria)?.[1] ?? '';
      // "... shipshape dockerfile/no-root-user [Ln 1, Col 6]" (the parentheses are drawn by CSS)
      const code = (/(\S+)\s*\[Ln \d+, Col \d+\]$/.exec(r.text)?.[1] ?? '').replace(/^.*\(|\)$/g, '');
      out.push({ file, severity, source, code, text: r.text });
    }
  }
  return out;
}

const describe = (ps) =>
  ps.map((p) => `${p.file}: ${p.severity} ${p.source}(${p.code})`).join('; ') || 'no problems';

/** "9 warning, 12 info: compose/resource-limits ×4, ..." (the Problems panel does not list hints). */
function tally(ps) {
  if (!ps.length) return 'nothing';
  const counts = (key) => {
    const m = new Map();
    for (const p of ps) m.set(key(p), (m.get(key(p)) ?? 0) + 1);
    return m;
  };
  const severities = [...counts((p) => p.severity)].map(([k, n]) => `${n} ${k}`).join(', ');
  const rules = [...counts((p) => p.code)].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ');
  return `${severities}: ${rules}`;
}

const problemsFor = async (file) => (await problems()).filter((p) => p.file === file);

/** Waits until the Problems panel lists a Shipshape finding of `rule` for `file`; returns the file's rows. */
async function expectProblem(file, rule) {
  await showProblems();
  return until(`shipshape(${rule}) for ${file} in the Problems panel`, async () => {
    const ps = await problems();
    if (ps.some((p) => p.file === file && p.source === 'shipshape' && p.code === rule))
      return ps.filter((p) => p.file === file);
    throw new Error(`the panel shows: ${describe(ps)}`);
  });
}

/**
 * Waits until the Problems panel has no finding of `rule` for `file`. With `stillThere`, the file must list a
 * finding of that rule at the same time: the panel is not just empty because the file was closed or not
 * analysed yet.
 */
async function expectNoProblem(file, rule, stillThere) {
  await showProblems();
  const what = stillThere ? ` while ${stillThere} stays` : '';
  return until(`shipshape(${rule}) for ${file} to leave the Problems panel${what}`, async () => {
    const ps = await problems();
    if (
      !ps.some((p) => p.file === file && p.code === rule) &&
      (!stillThere || ps.some((p) => p.file === file && p.code === stillThere))
    )
      return true;
    throw new Error(`the panel shows: ${describe(ps)}`);
  });
}

async function closeAllEditors() {
  await runCommand('View: Close All Editors');
  await until('all editors to close', async () => {
    const dialog = page.locator('.monaco-dialog-box');
    if (await dialog.isVisible()) {
      await dialog.getByRole('button', { name: "Don't Save" }).click();
      return false;
    }
    return (await page.locator('.part.editor .tab').count()) === 0;
  });
}

/** Moves the cursor with Go to Line (Ctrl+G). */
async function goTo(line, col) {
  await page.keyboard.press('Control+G');
  await until('Go to Line', quickInputVisible);
  await page.keyboard.type(`${line}:${col}`);
  await page.keyboard.press('Enter');
  await until(`the cursor at Ln ${line}, Col ${col}`, async () => {
    const sel = await page.locator('#status\\.editor\\.selection').innerText({ timeout: 500 });
    return sel.trim() === `Ln ${line}, Col ${col}` && !(await quickInputVisible());
  });
}

/** Presses a key until the focused row of a list matches, then returns its label. */
async function focusRow(listSelector, what, matches) {
  for (let i = 0; i < 30; i++) {
    const rows = page.locator(`${listSelector} .monaco-list-row.focused`);
    const aria = (await rows.count()) ? ((await rows.first().getAttribute('aria-label')) ?? '') : '';
    if (matches(aria)) return aria;
    await page.keyboard.press('ArrowDown');
    await sleep(50);
  }
  const all = await page
    .locator(`${listSelector} .monaco-list-row`)
    .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  throw new Error(`no row for ${what}; rows were: ${JSON.stringify(all)}`);
}

const readDisk = (rel) => readFileSync(join(WORKSPACE, rel), 'utf8');
const SNIPPETS = JSON.parse(readFileSync(new URL('../../snippets/dockerfile.json', import.meta.url), 'utf8'));

// Editing helpers.

/** Waits for the suggestion list (asking with Ctrl+Space when `ask`, or when it does not open itself) and focuses a row. */
async function suggestion(what, matches, ask = false) {
  const widgetShown = async () => (await page.locator('.suggest-widget.visible').count()) > 0;
  if (ask) await page.keyboard.press('Control+Space');
  const askedAt = Date.now();
  await until(
    `the suggestion list for ${what}`,
    async () => {
      if (await widgetShown()) return true;
      if (Date.now() - askedAt > 3000) await page.keyboard.press('Control+Space');
      return false;
    },
    250,
  );
  // Rows read "label, Kind"; VS Code's word-based suggestions (kind Text) appear only when Shipshape offers
  // nothing, so they never count.
  return focusRow('.suggest-widget', what, (a) => matches(a) && !/, Text\b/.test(a));
}

/** Closes the suggestions and replaces the text of the cursor's line (after its indentation) with `text`. */
async function replaceLine(text) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type(text, { delay: 20 });
}

/** Shows the hover at the cursor (Ctrl+K Ctrl+I) and waits for text that `matches`. */
async function hoverText(what, matches) {
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const text = await until(what, async () => {
    const texts = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts();
    return texts.find(matches);
  });
  return `hover: "${text.replace(/\s+/g, ' ').slice(0, 80)}..."`;
}

async function cursorAt(line) {
  return until(`the cursor on line ${line}`, async () => {
    const sel = await page.locator('#status\\.editor\\.selection').innerText({ timeout: 500 });
    return sel.startsWith(`Ln ${line},`) ? sel : undefined;
  });
}

const K8S_SNIPPETS = JSON.parse(
  readFileSync(new URL('../../snippets/kubernetes.json', import.meta.url), 'utf8'),
);
const COMPOSE_SNIPPETS = JSON.parse(
  readFileSync(new URL('../../snippets/compose.json', import.meta.url), 'utf8'),
);

/** The editor holds the snippet with this prefix, expanded with its defaults. */
async function expectExpansion(snippets, prefix) {
  const snippet = Object.values(snippets).find((s) => [s.prefix].flat().includes(prefix));
  const firstLine = expandSnippet(snippet.body).split('\n')[0];
  await until('the snippet to be inserted', async () => (await editorText()).includes(firstLine));
  await page.keyboard.press('Escape');
  const got = (await wholeEditorText()).split('\n').map((l) => l.trimEnd());
  const want = expandSnippet(snippet.body)
    .split('\n')
    .map((l) => l.trimEnd());
  for (let i = 0; i < Math.max(got.length, want.length); i++)
    if ((got[i] ?? '') !== (want[i] ?? ''))
      throw new Error(
        `line ${i + 1} is ${JSON.stringify(got[i])}, the snippet says ${JSON.stringify(want[i])}`,
      );
  await page.keyboard.press('Control+Home');
  return `${got.length} lines, as the snippet says`;
}

// ---------------------------------------------------------------------------------------------------------
// Scenarios

const SEED_DOCKERFILE = 'Dockerfile';
const SEED_COMPOSE = 'docker-compose.yml';
const LATEST_DEPLOYMENT = 'k8s/api-latest.yaml';
let pageLoadedAt = 0;

async function main() {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => appendFileSync(CONSOLE_LOG, `[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => appendFileSync(CONSOLE_LOG, `[pageerror] ${e.message}\n`));

  await scenario(1, 'the sample Dockerfile shows findings as squiggles and in the Problems panel', [
    {
      name: 'load code-server with the fixture workspace',
      run: async () => {
        pageLoadedAt = await loadWorkbench();
        return `page loaded ${secs(pageLoadedAt - runStart)} after start; workbench ready ${secs(Date.now() - pageLoadedAt)} later`;
      },
    },
    {
      name: 'open Dockerfile: a Shipshape squiggle appears',
      shot: '1a-dockerfile-squiggle',
      run: async () => {
        await openFile(SEED_DOCKERFILE);
        const opened = Date.now();
        await visible(SQUIGGLES, 'a squiggle in the Dockerfile');
        timings.loadToSquiggle = Date.now() - pageLoadedAt;
        timings.openToSquiggle = Date.now() - opened;
        return `${await squiggleCount()} squiggle(s); ${secs(timings.openToSquiggle)} after the file opened, ${secs(timings.loadToSquiggle)} after page load`;
      },
    },
    {
      name: 'Problems panel lists dockerfile/no-root-user from shipshape',
      shot: '1b-problems-panel',
      run: async () => {
        const rows = await expectProblem(SEED_DOCKERFILE, 'dockerfile/no-root-user');
        const foreign = rows.filter((p) => p.source !== 'shipshape');
        if (foreign.length) throw new Error(`findings from another source: ${describe(foreign)}`);
        // The squiggle is on line 1 (the FROM image), where the finding is.
        const onLine1 = await page
          .locator(SQUIGGLES)
          .first()
          .evaluate((sq) => {
            const lines = sq.closest('.monaco-editor').querySelector('.view-lines');
            const lineHeight = parseFloat(getComputedStyle(lines.querySelector('.view-line')).height);
            return sq.getBoundingClientRect().top - lines.getBoundingClientRect().top < lineHeight;
          });
        if (!onLine1) throw new Error('the first squiggle is not on line 1 (FROM python:3.11-slim)');
        return describe(rows);
      },
    },
  ]);

  await scenario(5, "hovering the squiggle shows the rule's rationale", [
    {
      name: 'hover the no-root-user squiggle',
      shot: '5-hover-rationale',
      run: async () => {
        await page.keyboard.press('Escape');
        await openFile(SEED_DOCKERFILE); // already open after scenario 1; opened again if that failed
        await visible(SQUIGGLES, 'a squiggle in the Dockerfile');
        const box = await page.locator(SQUIGGLES).first().boundingBox();
        if (!box) throw new Error('no squiggle to hover');
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 5 });
        const text = await until('a hover with "kernel bug"', async () => {
          const texts = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts();
          return texts.find((t) => t.includes('kernel bug'));
        });
        if (!text.includes('dockerfile/no-root-user'))
          throw new Error(`the hover does not name the rule: ${text}`);
        return `hover: "${text
          .split('\n')
          .find((l) => l.includes('kernel bug'))
          ?.slice(0, 80)}..."`;
      },
    },
  ]);

  await scenario(2, "the 'Run as non-root user' quick fix from Ctrl+. (keyboard) adds a USER line", [
    {
      name: 'Ctrl+. on the finding lists the quick fix',
      shot: '2a-quickfix-menu',
      run: async () => {
        await page.mouse.move(5, 5);
        await page.keyboard.press('Escape');
        await openFile(SEED_DOCKERFILE);
        await visible(SQUIGGLES, 'a squiggle in the Dockerfile');
        await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
        await expectProblem(SEED_DOCKERFILE, 'dockerfile/no-root-user');
        await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
        await goTo(1, 8);
        await page.keyboard.press('Control+.');
        await visible('.action-widget', 'the Quick Fix menu');
        const label = await focusRow('.action-widget', 'Run as non-root user', (a) =>
          a.startsWith('Run as non-root user'),
        );
        return label;
      },
    },
    {
      name: 'Enter applies it: a USER line appears, the finding leaves the Problems panel',
      shot: '2b-quickfix-applied',
      run: async () => {
        await page.keyboard.press('Enter');
        const text = await until('a USER line in the editor', async () => {
          const t = await editorText();
          return /^USER \S+/m.test(t) && t;
        });
        await expectNoProblem(SEED_DOCKERFILE, 'dockerfile/no-root-user');
        const added = text.split('\n').filter((l) => /^(USER|RUN .*(useradd|adduser))/.test(l));
        return `added: ${added.join(' | ')}`;
      },
    },
    {
      name: 'revert the file',
      run: async () => {
        await runCommand('File: Revert File');
        await until('the USER line to go away', async () => !/^USER /m.test(await editorText()));
        await closeAllEditors();
        if (/^USER /m.test(readDisk(SEED_DOCKERFILE))) throw new Error('the fixture was saved with the fix');
      },
    },
  ]);

  await scenario(3, 'saving with editor.codeActionsOnSave rewrites a shell-form CMD to JSON form', [
    {
      name: 'open api/Dockerfile: dockerfile/json-args is reported',
      shot: '3a-before-save',
      run: async () => {
        await openFile('api/Dockerfile');
        await expectProblem('api/Dockerfile', 'dockerfile/json-args');
        if (!readDisk('api/Dockerfile').includes('CMD gunicorn app:app --bind 0.0.0.0:8000'))
          throw new Error('fixture api/Dockerfile does not have the shell-form CMD');
      },
    },
    {
      name: 'Ctrl+S: the file on disk and the editor have CMD ["gunicorn", ...]',
      shot: '3b-after-save',
      run: async () => {
        await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
        const before = readDisk('api/Dockerfile');
        await page.keyboard.press('Control+S');
        const want = 'CMD ["gunicorn", "app:app", "--bind", "0.0.0.0:8000"]';
        await until(`${want} on disk`, async () => readDisk('api/Dockerfile').includes(want));
        // Only the safe fix runs on save: the unsafe ones (a HEALTHCHECK for missing-healthcheck) do not.
        const expected = before.replace('CMD gunicorn app:app --bind 0.0.0.0:8000', want);
        if (readDisk('api/Dockerfile') !== expected)
          throw new Error(
            `saved text is ${JSON.stringify(readDisk('api/Dockerfile'))}, expected ${JSON.stringify(expected)}`,
          );
        await until(`${want} in the editor`, async () => (await editorText()).includes(want));
        await until(
          'the editor to be saved (not dirty)',
          async () => (await page.locator('.part.editor .tab.active.dirty').count()) === 0,
        );
        await expectNoProblem('api/Dockerfile', 'dockerfile/json-args');
        const cmd = readDisk('api/Dockerfile')
          .split('\n')
          .find((l) => l.startsWith('CMD'));
        return `on disk: ${cmd}`;
      },
    },
  ]);

  await scenario(4, 'a snippet expands from its prefix in a new Dockerfile', [
    {
      name: 'type ss-python-multistage: the suggestion is offered',
      shot: '4a-snippet-suggestion',
      run: async () => {
        await closeAllEditors();
        await openFile('new/Dockerfile');
        if (readDisk('new/Dockerfile').trim() !== '') throw new Error('fixture new/Dockerfile is not empty');
        // An empty Dockerfile has no FROM: an error that the snippet must make go away.
        await expectProblem('new/Dockerfile', 'dockerfile/syntax-error');
        await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
        await page.keyboard.type('ss-python-multistage', { delay: 20 });
        const widgetShown = async () => (await page.locator('.suggest-widget.visible').count()) > 0;
        // Quick suggestions open the list while typing; Ctrl+Space asks for it when they did not.
        const askedAt = Date.now();
        await until(
          'the suggestion list',
          async () => {
            if (await widgetShown()) return true;
            if (Date.now() - askedAt > 3000) await page.keyboard.press('Control+Space');
            return false;
          },
          250,
        );
        return focusRow('.suggest-widget', 'the ss-python-multistage snippet', (a) =>
          a.startsWith('ss-python-multistage,'),
        );
      },
    },
    {
      name: 'Enter expands it',
      shot: '4b-snippet-expanded',
      run: async () => {
        await page.keyboard.press('Enter');
        await until('the snippet to be inserted', async () =>
          (await editorText()).includes('FROM python:3.12-slim AS builder'),
        );
        await page.keyboard.press('Escape'); // leave snippet mode
        const text = await wholeEditorText();
        const want = expandSnippet(SNIPPETS['Python multi-stage (virtualenv)'].body);
        const got = text.split('\n').map((l) => l.trimEnd());
        const wanted = want.split('\n').map((l) => l.trimEnd());
        for (let i = 0; i < Math.max(got.length, wanted.length); i++)
          if (got[i] !== wanted[i])
            throw new Error(
              `line ${i + 1} is ${JSON.stringify(got[i])}, the snippet says ${JSON.stringify(wanted[i])}`,
            );
        if (!/^USER app$/m.test(text) || !/^HEALTHCHECK /m.test(text))
          throw new Error('the expansion has no USER app or HEALTHCHECK line');
        await page.keyboard.press('Control+Home');
        // The empty file's syntax error goes once the snippet is in.
        await expectNoProblem('new/Dockerfile', 'dockerfile/syntax-error');
        const left = await problemsFor('new/Dockerfile');
        const errors = left.filter((p) => p.severity === 'error');
        if (errors.length) throw new Error(`the expanded snippet has errors: ${describe(errors)}`);
        return `${text.split('\n').length} lines; findings left: ${describe(left)}`;
      },
    },
  ]);

  await scenario(6, 'the sample compose file and Deployment open without errors (warnings are fine)', [
    {
      name: 'open compose.yaml and k8s/deployment.yaml, then a Dockerfile as a barrier',
      run: async () => {
        await closeAllEditors();
        await showProblems();
        await until('an empty Problems panel', async () => {
          const ps = await problems();
          if (ps.length === 0) return true;
          throw new Error(`the panel shows: ${describe(ps)}`);
        });
        await openFile('compose.yaml');
        const mode = (await page.locator('#status\\.editor\\.mode').innerText()).trim();
        await openFile('k8s/deployment.yaml');
        const mode2 = (await page.locator('#status\\.editor\\.mode').innerText()).trim();
        // The server handles documents in the order they open: once the Dockerfile opened after them has its
        // finding, the two YAML files have been analysed too.
        await openFile(SEED_DOCKERFILE);
        await expectProblem(SEED_DOCKERFILE, 'dockerfile/no-root-user');
        return `language modes: compose.yaml=${mode}, deployment.yaml=${mode2}`;
      },
    },
    {
      name: 'compose.yaml: no error in the Problems panel (warnings and infos allowed)',
      shot: '6a-compose-no-errors',
      run: async () => {
        await openFile('compose.yaml');
        const ps = await problemsFor('compose.yaml');
        const errors = ps.filter((p) => p.severity === 'error');
        if (errors.length) throw new Error(`errors: ${errors.map((p) => p.text).join('; ')}`);
        const foreign = ps.filter((p) => p.source !== 'shipshape');
        if (foreign.length) throw new Error(`findings from another source: ${describe(foreign)}`);
        if ((await page.locator(`${ACTIVE_EDITOR} .view-overlays .squiggly-error`).count()) > 0)
          throw new Error('an error squiggle is shown in compose.yaml');
        return `no error; listed: ${tally(ps)}`;
      },
    },
    {
      name: 'k8s/deployment.yaml: no error in the Problems panel (warnings and infos allowed)',
      shot: '6b-kubernetes-no-errors',
      run: async () => {
        await openFile('k8s/deployment.yaml');
        const ps = await problemsFor('k8s/deployment.yaml');
        const errors = ps.filter((p) => p.severity === 'error');
        if (errors.length) throw new Error(`errors: ${errors.map((p) => p.text).join('; ')}`);
        const foreign = ps.filter((p) => p.source !== 'shipshape');
        if (foreign.length) throw new Error(`findings from another source: ${describe(foreign)}`);
        if ((await page.locator(`${ACTIVE_EDITOR} .view-overlays .squiggly-error`).count()) > 0)
          throw new Error('an error squiggle is shown in k8s/deployment.yaml');
        return `no error; listed: ${tally(ps)}`;
      },
    },
  ]);

  let composeBefore = '';
  await scenario(
    7,
    'the sample docker-compose.yml: findings, and the quick fix that removes `version` (Ctrl+.)',
    [
      {
        name: 'open docker-compose.yml: compose/obsolete-version and compose/plaintext-secret are listed',
        shot: '7a-compose-findings',
        run: async () => {
          await closeAllEditors();
          composeBefore = readDisk(SEED_COMPOSE);
          if (
            !/^version: '3\.8'\n/.test(composeBefore) ||
            !composeBefore.includes('POSTGRES_PASSWORD=postgres')
          )
            throw new Error(
              `fixture ${SEED_COMPOSE} does not start with version: '3.8' or has no POSTGRES_PASSWORD`,
            );
          await openFile(SEED_COMPOSE);
          const mode = (await page.locator('#status\\.editor\\.mode').innerText()).trim();
          await visible(SQUIGGLES, `a squiggle in ${SEED_COMPOSE}`);
          await expectProblem(SEED_COMPOSE, 'compose/obsolete-version');
          const rows = await until(
            `shipshape(compose/plaintext-secret) about POSTGRES_PASSWORD for ${SEED_COMPOSE}`,
            async () => {
              const ps = await problemsFor(SEED_COMPOSE);
              if (
                ps.some((p) => p.code === 'compose/plaintext-secret' && p.text.includes('POSTGRES_PASSWORD'))
              )
                return ps;
              throw new Error(`the panel shows: ${describe(ps)}`);
            },
          );
          const bad = rows.filter((p) => p.severity === 'error' || p.source !== 'shipshape');
          if (bad.length) throw new Error(`unexpected errors or foreign findings: ${describe(bad)}`);
          return `language mode ${mode}; listed: ${tally(rows)}`;
        },
      },
      {
        name: 'Ctrl+. on line 1 lists "Remove the obsolete `version` field"',
        shot: '7b-compose-quickfix-menu',
        run: async () => {
          await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
          await page.mouse.move(5, 5);
          await goTo(1, 1);
          await page.keyboard.press('Control+.');
          await visible('.action-widget', 'the Quick Fix menu');
          return focusRow('.action-widget', 'Remove the obsolete `version` field', (a) =>
            a.startsWith('Remove the obsolete `version` field'),
          );
        },
      },
      {
        name: 'Enter: the version line is gone and compose/obsolete-version leaves the Problems panel',
        shot: '7c-compose-version-removed',
        run: async () => {
          await page.keyboard.press('Enter');
          await until('line 1 to read "services:"', async () =>
            (await editorText()).startsWith('services:\n'),
          );
          await expectNoProblem(SEED_COMPOSE, 'compose/obsolete-version', 'compose/plaintext-secret');
          // Exactly the version line goes: the rest of the file is as it was.
          const got = (await wholeEditorText()).split('\n').map((l) => l.trimEnd());
          const want = composeBefore.replace(/^version: .*\n/, '').split('\n');
          for (let i = 0; i < Math.max(got.length, want.length); i++)
            if (got[i] !== want[i])
              throw new Error(
                `line ${i + 1} is ${JSON.stringify(got[i])}, expected ${JSON.stringify(want[i])}`,
              );
          await page.keyboard.press('Control+Home');
          const left = await problemsFor(SEED_COMPOSE);
          return `${got.length} lines, line 1 "${got[0]}"; still listed: ${tally(left)}`;
        },
      },
      {
        name: 'revert the file',
        run: async () => {
          await runCommand('File: Revert File');
          await until('the version line to come back', async () => /^version: /.test(await editorText()));
          await closeAllEditors();
          if (readDisk(SEED_COMPOSE) !== composeBefore) throw new Error('the fixture was saved with the fix');
        },
      },
    ],
  );

  let deploymentBefore = '';
  await scenario(
    8,
    'a Deployment with :latest and no securityContext: findings, and the HPA refactor (Ctrl+.)',
    [
      {
        name: `open ${LATEST_DEPLOYMENT}: kubernetes/security-context and kubernetes/image-tag are listed`,
        shot: '8a-kubernetes-findings',
        run: async () => {
          await closeAllEditors();
          deploymentBefore = readDisk(LATEST_DEPLOYMENT);
          if (
            !/image: \S+:latest$/m.test(deploymentBefore) ||
            /securityContext|HorizontalPodAutoscaler/.test(deploymentBefore)
          )
            throw new Error(
              `fixture ${LATEST_DEPLOYMENT} must have an image :latest, no securityContext and no HPA`,
            );
          await openFile(LATEST_DEPLOYMENT);
          await visible(SQUIGGLES, `a squiggle in ${LATEST_DEPLOYMENT}`);
          await expectProblem(LATEST_DEPLOYMENT, 'kubernetes/security-context');
          const rows = await expectProblem(LATEST_DEPLOYMENT, 'kubernetes/image-tag');
          const bad = rows.filter((p) => p.severity === 'error' || p.source !== 'shipshape');
          if (bad.length) throw new Error(`unexpected errors or foreign findings: ${describe(bad)}`);
          return `listed: ${tally(rows)}`;
        },
      },
      {
        name: 'Ctrl+. on `kind: Deployment` offers "Add a HorizontalPodAutoscaler"',
        shot: '8b-hpa-refactor-menu',
        run: async () => {
          await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
          await page.mouse.move(5, 5);
          await goTo(2, 1);
          await page.keyboard.press('Control+.');
          await visible('.action-widget', 'the code action menu');
          const label = await focusRow('.action-widget', 'Add a HorizontalPodAutoscaler', (a) =>
            a.startsWith('Add a HorizontalPodAutoscaler'),
          );
          const sections = await page.locator('.action-widget .monaco-list-row.group-header').allInnerTexts();
          return `${label} (menu sections: ${sections.join(', ') || 'none'})`;
        },
      },
      {
        name: 'Enter appends an HPA document for publishing-api and removes `replicas`; the file has no error',
        shot: '8c-hpa-appended',
        run: async () => {
          await page.keyboard.press('Enter');
          await until(
            'kind: HorizontalPodAutoscaler at the end of the editor',
            async () => {
              await page.keyboard.press('Control+End');
              return (await editorText()).includes('kind: HorizontalPodAutoscaler');
            },
            250,
          );
          const text = (await wholeEditorText())
            .split('\n')
            .map((l) => l.trimEnd())
            .join('\n');
          // The assist removes `replicas` (with an HPA, every apply would reset it and fight the autoscaler);
          // the rest of the Deployment stays as it was.
          const kept = deploymentBefore.replace(/^ {2}replicas: \d+\n/m, '').trimEnd();
          if (kept === deploymentBefore.trimEnd())
            throw new Error('the fixture has no replicas line to remove');
          if (!text.startsWith(kept)) throw new Error('the Deployment was changed beyond its replicas line');
          const added = text.slice(kept.length).trim();
          const expect = [
            /^---\napiVersion: autoscaling\/v2\nkind: HorizontalPodAutoscaler\n/,
            /\n {2}scaleTargetRef:\n {4}apiVersion: apps\/v1\n {4}kind: Deployment\n {4}name: publishing-api\n/,
            /\n {2}minReplicas: \d+\n {2}maxReplicas: \d+\n/,
          ];
          for (const re of expect)
            if (!re.test(added))
              throw new Error(`the appended text does not match ${re}: ${JSON.stringify(added)}`);
          // The server has analysed the edited text once a file opened after the edit has its finding (the
          // server handles documents in order); then the Deployment's findings are still there and no error.
          await openFile(SEED_DOCKERFILE);
          await expectProblem(SEED_DOCKERFILE, 'dockerfile/no-root-user');
          await openFile(LATEST_DEPLOYMENT);
          const rows = await expectProblem(LATEST_DEPLOYMENT, 'kubernetes/security-context');
          const errors = rows.filter((p) => p.severity === 'error');
          if (errors.length) throw new Error(`the HPA brought errors: ${describe(errors)}`);
          // Show the whole HPA: from the end of the file, scroll up (Ctrl+Up keeps the cursor) until its head
          // is in view.
          await page.keyboard.press('Control+End');
          await until(
            'the head of the HPA in view',
            async () => {
              const shown = await editorText();
              if (/^---\napiVersion: autoscaling\/v2\nkind: HorizontalPodAutoscaler$/m.test(shown))
                return true;
              await page.keyboard.press('Control+ArrowUp');
              return false;
            },
            150,
          );
          await page.keyboard.press('Control+ArrowUp'); // the `---` line may be cut in half at the top
          const name = /^ {2}name: (\S+)$/m.exec(added)?.[1];
          return `${added.split('\n').length} lines appended (HPA ${name}); listed: ${tally(rows)}`;
        },
      },
      {
        name: 'Ctrl+. on the Deployment no longer offers an HPA; revert the file',
        run: async () => {
          await goTo(2, 1);
          await page.keyboard.press('Control+.');
          const offered = await until('the code action menu or "No code actions available"', async () => {
            if (await page.locator('.action-widget').isVisible())
              return page
                .locator('.action-widget .monaco-list-row.action')
                .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
            const msg = page.locator(`${ACTIVE_EDITOR} .monaco-editor-overlaymessage`);
            if ((await msg.isVisible()) && /no code actions/i.test(await msg.innerText())) return [];
            return undefined;
          });
          await page.keyboard.press('Escape');
          if (offered.some((a) => a.startsWith('Add a HorizontalPodAutoscaler')))
            throw new Error(`still offered although the file has an HPA for it: ${JSON.stringify(offered)}`);
          await runCommand('File: Revert File');
          await until('the HPA to go away', async () => {
            await page.keyboard.press('Control+End');
            return !(await editorText()).includes('HorizontalPodAutoscaler');
          });
          await closeAllEditors();
          if (readDisk(LATEST_DEPLOYMENT) !== deploymentBefore)
            throw new Error('the fixture was saved with the HPA');
          return offered.length ? `actions offered: ${offered.join('; ')}` : 'no code actions available';
        },
      },
    ],
  );

  // -------------------------------------------------------------------------------------------------------
  // Editing: completion, hover docs, outline, go to definition, snippets by file kind, formatting.

  await scenario(9, 'completion at three positions in a Dockerfile, a Compose file and a manifest', [
    {
      name: 'Dockerfile: an instruction, a --mount type, a --from stage',
      shot: '9a-completion-dockerfile',
      run: async () => {
        await closeAllEditors();
        await openFile('editor/Dockerfile');
        await page.keyboard.press('Control+End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('RU', { delay: 20 });
        await suggestion('RUN', (a) => a.startsWith('RUN command'));
        await replaceLine('RUN --mount=type=');
        await suggestion('the cache mount type', (a) => a.startsWith('cache'), true);
        await replaceLine('COPY --from=');
        return suggestion('the build stage', (a) => a.startsWith('build'), true);
      },
    },
    {
      name: 'Compose: a service key, a restart value, a depends_on service',
      shot: '9b-completion-compose',
      run: async () => {
        await closeAllEditors();
        await openFile('editor/compose.yaml');
        await goTo(3, 22); // end of `    image: nginx:1.27`
        await page.keyboard.press('Enter');
        await page.keyboard.type('healt', { delay: 20 });
        await suggestion('healthcheck', (a) => a.startsWith('healthcheck'));
        await replaceLine('restart: ');
        await suggestion('unless-stopped', (a) => a.startsWith('unless-stopped'), true);
        await replaceLine('depends_on:');
        await page.keyboard.press('Enter');
        await page.keyboard.type('- ', { delay: 20 });
        return suggestion('the db service', (a) => a === 'db' || a.startsWith('db,'), true);
      },
    },
    {
      name: 'Kubernetes: a container key, an imagePullPolicy value, a spec key',
      shot: '9c-completion-kubernetes',
      run: async () => {
        await closeAllEditors();
        await openFile('editor/app.yaml');
        await goTo(17, 28); // end of `          image: nginx:1.27`
        await page.keyboard.press('Enter');
        await page.keyboard.type('imagePull', { delay: 20 });
        await suggestion('imagePullPolicy', (a) => a.startsWith('imagePullPolicy'));
        await replaceLine('imagePullPolicy: ');
        await suggestion('IfNotPresent', (a) => a.startsWith('IfNotPresent'), true);
        await goTo(6, 14); // end of `  replicas: 2`
        await page.keyboard.press('Enter');
        await page.keyboard.type('strat', { delay: 20 });
        return suggestion('strategy', (a) => a.startsWith('strategy'));
      },
    },
  ]);

  await scenario(10, 'hover shows docs on a Dockerfile instruction and on a Compose key', [
    {
      name: 'hover WORKDIR',
      shot: '10a-hover-instruction',
      run: async () => {
        await closeAllEditors();
        await openFile('editor/Dockerfile');
        await goTo(3, 3);
        return hoverText('the WORKDIR docs', (t) => /working directory/i.test(t));
      },
    },
    {
      name: 'hover the image key',
      shot: '10b-hover-key',
      run: async () => {
        await closeAllEditors();
        await openFile('editor/compose.yaml');
        await goTo(3, 6);
        return hoverText('the image key docs', (t) =>
          t.includes('Specify the image to start the container from'),
        );
      },
    },
  ]);

  await scenario(11, 'the outline lists stages, services and Kind/name', [
    {
      name: 'Go to Symbol in the Dockerfile, the Compose file and the manifest',
      shot: '11-outline',
      run: async () => {
        const seen = [];
        for (const [file, want] of [
          ['editor/Dockerfile', ['build', 'stage 1']],
          ['editor/compose.yaml', ['web', 'db']],
          ['editor/app.yaml', ['Deployment/web']],
        ]) {
          await closeAllEditors();
          await openFile(file);
          await page.keyboard.press('Control+Shift+O');
          const rows = await until(`the symbols of ${file}`, async () => {
            const labels = await page
              .locator('.quick-input-widget .monaco-list-row')
              .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
            return want.every((w) => labels.some((l) => l.startsWith(w))) ? labels : undefined;
          });
          seen.push(`${file}: ${rows.map((r) => r.split(',')[0]).join(', ')}`);
          if (file !== 'editor/app.yaml') await page.keyboard.press('Escape');
        }
        return seen.join('; ');
      },
    },
  ]);

  await scenario(12, 'go to definition of a stage and of a Compose service', [
    {
      name: 'F12 on --from=build goes to its FROM line',
      run: async () => {
        await page.keyboard.press('Escape');
        await closeAllEditors();
        await openFile('editor/Dockerfile');
        await goTo(8, 15);
        await page.keyboard.press('F12');
        return cursorAt(2);
      },
    },
    {
      name: 'F12 on a depends_on entry goes to the service',
      run: async () => {
        await closeAllEditors();
        await openFile('editor/compose.yaml');
        await goTo(5, 10);
        await page.keyboard.press('F12');
        return cursorAt(6);
      },
    },
  ]);

  await scenario(
    13,
    'snippets by file kind: ss-k8s-deployment in a new .yaml, ss-compose-stack in a new compose.yaml',
    [
      {
        name: 'ss-k8s-deployment in editor/new.yaml',
        shot: '13a-snippet-kubernetes',
        run: async () => {
          await closeAllEditors();
          await openFile('editor/new.yaml');
          await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
          await page.keyboard.type('ss-k8s-deployment', { delay: 20 });
          await suggestion('ss-k8s-deployment', (a) => a.startsWith('ss-k8s-deployment'));
          await page.keyboard.press('Enter');
          return expectExpansion(K8S_SNIPPETS, 'ss-k8s-deployment');
        },
      },
      {
        name: 'ss-compose-stack in editor/stack/compose.yaml',
        shot: '13b-snippet-compose',
        run: async () => {
          await closeAllEditors();
          await openFile('editor/stack/compose.yaml');
          await page.locator(`${ACTIVE_EDITOR} .view-lines`).first().click();
          await page.keyboard.type('ss-compose-stack', { delay: 20 });
          await suggestion('ss-compose-stack', (a) => a.startsWith('ss-compose-stack'));
          await page.keyboard.press('Enter');
          return expectExpansion(COMPOSE_SNIPPETS, 'ss-compose-stack');
        },
      },
    ],
  );

  await scenario(14, 'Format Document upper-cases a Dockerfile instruction', [
    {
      name: 'format editor/Dockerfile',
      shot: '14-format-dockerfile',
      run: async () => {
        await closeAllEditors();
        await openFile('editor/Dockerfile');
        if (!(await editorText()).includes('copy --from=build'))
          throw new Error('the fixture has no lower-case copy');
        await runCommand('Format Document');
        await until('COPY in upper case', async () =>
          (await editorText()).includes('COPY --from=build /out/app /app'),
        );
        await closeAllEditors();
        return 'copy --from=build → COPY --from=build';
      },
    },
  ]);
}

let crashed;
try {
  await main();
} catch (e) {
  crashed = e;
  console.error(`e2e: the driver itself failed: ${e.stack ?? e}`);
} finally {
  await browser?.close().catch(() => {});
}

// ---------------------------------------------------------------------------------------------------------
// Summary

console.log('\n== Shipshape end-to-end summary');
for (const s of [...scenarios].sort((a, b) => a.id - b.id)) {
  console.log(`${s.status === 'passed' ? 'PASS' : 'FAIL'} ${s.id}. ${s.title}`);
  for (const st of s.steps) {
    const extra = st.status === 'passed' ? '' : ` -- ${st.message}`;
    console.log(
      `     ${st.status.padEnd(7)} ${st.name}${st.ms !== undefined ? ` (${secs(st.ms)})` : ''}${extra}`,
    );
    if (st.status === 'failed') console.log(`             screenshot: ${st.shot}`);
  }
}
const fmt = (ms) => (ms === undefined ? 'not measured' : secs(ms));
console.log(`page load -> first Shipshape squiggle: ${fmt(timings.loadToSquiggle)}`);
console.log(
  `Dockerfile opened -> first squiggle (extension activation + analysis): ${fmt(timings.openToSquiggle)}`,
);
if (!Number.isNaN(VSIX_BYTES))
  console.log(`vsix size: ${VSIX_BYTES} bytes (${(VSIX_BYTES / 1024).toFixed(0)} KiB)`);
console.log(`driver time: ${secs(Date.now() - runStart)}; screenshots in ${RESULTS}`);
const expected = 14;
const passed = scenarios.filter((s) => s.status === 'passed').length;
const failed = expected - passed;
console.log(`${passed} passed, ${failed} failed`);
process.exit(crashed || failed > 0 ? 1 : 0);

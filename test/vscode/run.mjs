// Runs the integration suite (test/vscode/suite/) inside a real VS Code downloaded by @vscode/test-electron,
// against the extension built in this repository. See test/vscode/README.md.
//
//   node test/vscode/run.mjs [--no-build]
//
// Exit 0 when the suite passed, or when VS Code could not be downloaded for lack of network (then it says so:
// the code-server e2e covers the same scenarios). Exit 1 on anything else: build or compile errors, a failed
// test, a crash, a download that failed for another reason.
//
//   SHIPSHAPE_VSCODE_VERSION  VS Code to test in (default: the minimum of engines.vscode; "stable" works too)
//   SHIPSHAPE_VSCODE_CACHE    where VS Code is downloaded (default ~/.cache/shipshape-vscode-test)
//   SHIPSHAPE_VSCODE_SUITE    the suite's entry point (default test/vscode/suite/index.ts)
//   SHIPSHAPE_VSCODE_KEEP=1   keep the temporary workspace and user-data-dir
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { downloadAndUnzipVSCode, runTests } from '@vscode/test-electron';
import { classifyDownloadFailure } from './classify.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUT = join(ROOT, 'test/vscode/out');
export const SKIP_MESSAGE =
  'VS Code could not be downloaded (no network): skipped the test-electron suite; ' +
  'the code-server e2e covers the same scenarios';

const t0 = Date.now();
const secs = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const log = (msg) => console.log(`[vscode-test +${secs()}] ${msg}`);

function minimumEngine() {
  const range = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.vscode;
  const m = /(\d+\.\d+\.\d+)/.exec(range);
  if (!m) throw new Error(`cannot read a version from engines.vscode "${range}"`);
  return m[1];
}

/** Starts Xvfb on a free display for Electron when there is no display (headless Linux CI). */
async function ensureDisplay(cleanups) {
  if (process.platform !== 'linux' || process.env.DISPLAY) return {};
  if (spawnSync('sh', ['-c', 'command -v Xvfb'], { stdio: 'ignore' }).status !== 0) {
    log('no DISPLAY and no Xvfb: installing Debian package xvfb');
    const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit' }).status === 0;
    const known = spawnSync('apt-cache', ['show', 'xvfb'], { stdio: 'ignore' }).status === 0;
    if ((!known && !apt(['update'])) || !apt(['install', '-y', '--no-install-recommends', 'xvfb']))
      throw new Error('could not install xvfb; set DISPLAY or install Xvfb');
  }
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
  });
  cleanups.push(() => xvfb.kill());
  const display = await new Promise((ok, fail) => {
    let buf = '';
    xvfb.stdio[3].on('data', (d) => {
      buf += d;
      if (buf.includes('\n')) ok(`:${buf.trim()}`);
    });
    xvfb.on('exit', (code) => fail(new Error(`Xvfb exited with ${code} before it was ready`)));
  });
  log(`Xvfb on display ${display}`);
  return { DISPLAY: display };
}

async function main() {
  const cleanups = [];
  try {
    // 1. The extension under test: the same bundles the .vsix ships (client/out, server/out).
    if (!process.argv.includes('--no-build')) {
      const r = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal})`);
      log('built the extension');
    }

    // 2. The suite, bundled to CommonJS for the extension host (vscode and mocha are resolved there).
    const entry = resolve(ROOT, process.env.SHIPSHAPE_VSCODE_SUITE ?? 'test/vscode/suite/index.ts');
    rmSync(OUT, { recursive: true, force: true });
    await build({
      entryPoints: [entry],
      outfile: join(OUT, 'index.js'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node18',
      external: ['vscode', 'mocha'],
      sourcemap: 'inline',
      logLevel: 'error',
    });
    log(`compiled the suite into ${OUT}`);

    // 3. VS Code. Only a network failure here is forgiven.
    const version = process.env.SHIPSHAPE_VSCODE_VERSION || minimumEngine();
    const cachePath =
      process.env.SHIPSHAPE_VSCODE_CACHE || join(homedir(), '.cache', 'shipshape-vscode-test');
    mkdirSync(cachePath, { recursive: true });
    const seen = [];
    const reporter = {
      report(r) {
        if (r.stage === 'retrying') seen.push(r.error);
        if (
          r.stage === 'resolvedVersion' ||
          r.stage === 'foundMatchingInstall' ||
          r.stage === 'newInstallComplete'
        )
          log(`VS Code ${r.version ?? ''}${r.downloadedPath ? ` in ${r.downloadedPath}` : ''} (${r.stage})`);
        if (r.stage === 'retrying')
          log(`download attempt ${r.attempt} failed: ${r.error?.message ?? r.error}`);
      },
      error(e) {
        seen.push(e);
      },
    };
    log(`downloading VS Code ${version} into ${cachePath}`);
    let executable;
    try {
      executable = await downloadAndUnzipVSCode({ version, cachePath, reporter });
    } catch (e) {
      const verdict = classifyDownloadFailure(e, seen);
      if (verdict.offline) {
        console.log(`${SKIP_MESSAGE} (${verdict.reason})`);
        return 0;
      }
      console.error(
        `[vscode-test] downloading VS Code failed, and not for lack of network: ${verdict.reason}`,
      );
      throw e;
    }

    // 4. A fresh workspace (a copy of the e2e fixtures) and profile, then the suite.
    const tmp = mkdtempSync(join(tmpdir(), 'shipshape-vscode-'));
    if (process.env.SHIPSHAPE_VSCODE_KEEP === '1') log(`keeping ${tmp}`);
    else cleanups.push(() => rmSync(tmp, { recursive: true, force: true }));
    const workspace = join(tmp, 'workspace');
    cpSync(join(ROOT, 'test/e2e/fixtures/workspace'), workspace, { recursive: true });
    mkdirSync(join(tmp, 'user-data/User'), { recursive: true });
    writeFileSync(
      join(tmp, 'user-data/User/settings.json'),
      JSON.stringify(
        {
          'telemetry.telemetryLevel': 'off',
          'update.mode': 'none',
          'extensions.autoCheckUpdates': false,
          'workbench.startupEditor': 'none',
          'git.enabled': false,
          'files.autoSave': 'off',
          'editor.codeActionsOnSave': { 'source.fixAll.shipshape': 'explicit' },
        },
        null,
        2,
      ),
    );
    const env = await ensureDisplay(cleanups);
    log('running the suite in VS Code');
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: join(OUT, 'index.js'),
      extensionTestsEnv: env,
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions; built-ins (the Dockerfile language) stay
        `--user-data-dir=${join(tmp, 'user-data')}`,
        `--extensions-dir=${join(tmp, 'extensions')}`,
        '--disable-gpu',
      ],
    });
    log('the test-electron suite passed');
    return 0;
  } finally {
    for (const c of cleanups.reverse()) c();
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`[vscode-test] FAILED: ${e?.stack ?? e}`);
    process.exit(1);
  },
);

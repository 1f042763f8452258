import picomatch from 'picomatch';
import { trimEndChars } from '../../core/strings';
import { defineRule, type FixSpec, type Host } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import {
  argsOf,
  perInstruction,
  resolveAt,
  stageChain,
  type DInstruction,
  type DockerfileModel,
  type ShellCommand,
  type Stage,
} from '../../languages/dockerfile';
import { contextCopy, isContextRoot, type ContextCopy } from '../../languages/dockerfile/images';
import { insertBefore, lineAboveComments } from '../../fixes/healthcheck';
import { deleteLines } from '../../fixes/text';

/** A file the install reads, as the command names it (relative to the working directory, or absolute). */
interface Manifest {
  path: string;
  /** A lock file that may be absent: copied only when it exists (or with a `*` glob when unknown). */
  optional?: boolean;
  /** Copy the directory that holds it (a `requirements/` directory whose files include each other). */
  dir?: boolean;
}

interface Install {
  cmd: ShellCommand;
  manifests: Manifest[];
  /** Files that, when present, must come along (`.npmrc` with a private registry). */
  extras: string[];
  /** Files whose presence means the manifests above are not enough (workspaces, Yarn Berry). */
  blockers: string[];
  /** The install is recognised but reordering it is not known to be safe (lifecycle scripts, wrappers). */
  noFix?: boolean;
}

/** What a RUN command means for this rule. */
type Reading =
  { kind: 'install'; install: Install } | { kind: 'needs-source' } | { kind: 'harmless' } | { kind: 'other' };

function basename(v: string): string {
  return v.slice(v.lastIndexOf('/') + 1);
}

const PIP_VALUE_FLAGS = new Set([
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root',
  '--trusted-host', '--platform', '--python-version', '--implementation', '--abi', '--only-binary',
  '--no-binary', '--progress-bar', '--cache-dir', '--src', '--upgrade-strategy', '--log', '--timeout',
  '--retries', '--proxy', '-C', '--config-settings', '--global-option', '--report', '--python',
]); // prettier-ignore

const JS_VALUE_FLAGS = new Set(['--omit', '--include', '--prefix', '--registry', '--cache', '--loglevel', '--network-timeout', '--mutex', '--modules-folder']); // prettier-ignore

/** Whether a pip argument names something on the local file system rather than a package index. */
function isLocalPath(v: string): boolean {
  if (/^[a-z+]+:\/\//i.test(v) || /^git\+/.test(v) || /@\s*(https?|git)/.test(v)) return false;
  return v === '.' || v === '..' || v.includes('/') || /\.(whl|tar\.gz|zip)$/.test(v);
}

function readPip(cmd: ShellCommand, args: string[]): Reading {
  const manifests: Manifest[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i] as string;
    const value = (long: string, short: string): string | undefined => {
      if (v === long || v === short) return args[++i];
      if (v.startsWith(long + '=')) return v.slice(long.length + 1);
      if (v.startsWith(short) && v.length > short.length && !v.startsWith('--')) return v.slice(short.length);
      return undefined;
    };
    const req = value('--requirement', '-r') ?? value('--constraint', '-c');
    if (req !== undefined) {
      manifests.push({ path: req, dir: /(^|\/)(requirements|reqs)(\.d)?\//.test(req) });
      continue;
    }
    const editable = value('--editable', '-e');
    if (editable !== undefined) {
      if (isLocalPath(editable)) return { kind: 'needs-source' };
      continue;
    }
    if (PIP_VALUE_FLAGS.has(v)) {
      i++;
      continue;
    }
    if (v.startsWith('-')) continue;
    if (isLocalPath(v)) return { kind: 'needs-source' };
  }
  if (manifests.length === 0) return { kind: 'harmless' };
  return { kind: 'install', install: { cmd, manifests, extras: [], blockers: [] } };
}

/** Positional arguments after a subcommand, skipping the values of flags that take one. */
function positionals(args: string[], valueFlags: Set<string>): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i] as string;
    if (valueFlags.has(v)) i++;
    else if (!v.startsWith('-')) out.push(v);
  }
  return out;
}

function jsInstall(cmd: ShellCommand, lock: string, optionalLock: boolean, workspace: boolean): Reading {
  return {
    kind: 'install',
    install: {
      cmd,
      manifests: [{ path: 'package.json' }, { path: lock, optional: optionalLock }],
      extras: ['.npmrc', '.yarnrc'],
      blockers: ['.yarnrc.yml', 'pnpm-workspace.yaml', '.pnpmfile.cjs'],
      noFix: workspace,
    },
  };
}

/** Reads one shell command of a RUN. */
function readCommand(cmd: ShellCommand): Reading {
  const words = cmd.words.slice(cmd.nameIndex).map((w) => w.value);
  const name = cmd.name;
  let args = argsOf(cmd).map((w) => w.value);
  if (/^python[\d.]*$/.test(name) && args[0] === '-m' && /^pip[\d.]*$/.test(args[1] ?? ''))
    args = args.slice(2);
  else if (name === 'uv' && args[0] === 'pip') args = args.slice(1);
  else if (/^python[\d.]*$/.test(name)) return { kind: 'other' };
  const isPip =
    /^pip[\d.]*$/.test(name) || /^python[\d.]*$/.test(name) || (name === 'uv' && words[1] === 'pip');
  if (isPip) return args[0] === 'install' ? readPip(cmd, args.slice(1)) : { kind: 'harmless' };
  const sub = args.find((a) => !a.startsWith('-'));
  const rest = sub === undefined ? [] : args.slice(args.indexOf(sub) + 1);
  switch (name) {
    case 'poetry':
      if (sub !== 'install') return sub === 'config' ? { kind: 'harmless' } : { kind: 'other' };
      if (!args.includes('--no-root') || args.includes('--only-root')) return { kind: 'needs-source' };
      return {
        kind: 'install',
        install: {
          cmd,
          manifests: [{ path: 'pyproject.toml' }, { path: 'poetry.lock', optional: true }],
          extras: ['poetry.toml'],
          blockers: [],
        },
      };
    case 'uv':
      if (sub !== 'sync') return { kind: 'other' };
      if (!args.includes('--no-install-project') && !args.includes('--only-deps'))
        return { kind: 'needs-source' };
      return {
        kind: 'install',
        install: {
          cmd,
          manifests: [{ path: 'pyproject.toml' }, { path: 'uv.lock', optional: true }],
          extras: [],
          blockers: [],
        },
      };
    case 'pipenv':
      if ((sub !== 'install' && sub !== 'sync') || positionals(rest, new Set()).length > 0)
        return { kind: 'other' };
      return {
        kind: 'install',
        install: {
          cmd,
          manifests: [{ path: 'Pipfile' }, { path: 'Pipfile.lock', optional: true }],
          extras: [],
          blockers: [],
        },
      };
    case 'npm': {
      if (sub === 'cache' || sub === 'config') return { kind: 'harmless' };
      const ws = args.some((a) => a === '-w' || a.startsWith('--workspace'));
      if (sub === 'ci') return jsInstall(cmd, 'package-lock.json', false, ws);
      if (sub !== 'install' && sub !== 'i') return { kind: 'other' };
      if (positionals(rest, JS_VALUE_FLAGS).length > 0)
        return args.includes('-g') || args.includes('--global') ? { kind: 'harmless' } : { kind: 'other' };
      return jsInstall(cmd, 'package-lock.json', true, ws);
    }
    case 'yarn':
      if (sub === 'cache' || sub === 'config') return { kind: 'harmless' };
      if (sub !== undefined && sub !== 'install') return { kind: 'other' };
      return jsInstall(cmd, 'yarn.lock', true, false);
    case 'pnpm':
      if (sub === 'store' || sub === 'config') return { kind: 'harmless' };
      if (sub !== 'install' && sub !== 'i') return { kind: 'other' };
      if (positionals(rest, JS_VALUE_FLAGS).length > 0) return { kind: 'other' };
      return jsInstall(cmd, 'pnpm-lock.yaml', true, false);
    case 'go':
      if (args[0] === 'env') return { kind: 'harmless' };
      if (args[0] !== 'mod' || args[1] !== 'download') return { kind: 'other' };
      return {
        kind: 'install',
        install: {
          cmd,
          manifests: [{ path: 'go.mod' }, { path: 'go.sum', optional: true }],
          extras: [],
          blockers: [],
        },
      };
    case 'bundle':
      if (sub === 'config') return { kind: 'harmless' };
      if (sub !== 'install') return { kind: 'other' };
      return {
        kind: 'install',
        install: {
          cmd,
          manifests: [{ path: 'Gemfile' }, { path: 'Gemfile.lock', optional: true }],
          extras: [],
          blockers: [],
        },
      };
    case 'composer':
      if (sub === 'clear-cache' || sub === 'config') return { kind: 'harmless' };
      if (sub !== 'install') return { kind: 'other' };
      return {
        kind: 'install',
        install: {
          cmd,
          manifests: [{ path: 'composer.json' }, { path: 'composer.lock', optional: true }],
          extras: ['auth.json'],
          blockers: [],
          // Post-install scripts (artisan package:discover…) need the application.
          noFix: !args.includes('--no-scripts'),
        },
      };
    case 'mvn':
    case 'mvnw':
      if (!args.some((a) => /dependency:(go-offline|resolve)/.test(a))) return { kind: 'other' };
      return {
        kind: 'install',
        // The wrapper also needs mvnw and .mvn/; multi-module builds need every module's pom.
        install: { cmd, manifests: [{ path: 'pom.xml' }], extras: [], blockers: [], noFix: name === 'mvnw' },
      };
    case 'apt-get':
    case 'apt':
    case 'apk':
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'rm':
    case 'mkdir':
    case 'echo':
    case 'true':
    case 'set':
      return { kind: 'harmless' };
    default:
      return { kind: 'other' };
  }
}

/** The installs of a RUN, whether it also needs the source, and whether it does anything else. */
/** What a RUN installs depends on its own text alone: read once, kept across edits. */
const readRun = perInstruction(readRunText);

function readRunText(ins: DInstruction): { installs: Install[]; needsSource: boolean; other: boolean } {
  const installs: Install[] = [];
  let needsSource = false;
  let other = false;
  for (const cmd of ins.shell?.commands ?? []) {
    const r = readCommand(cmd);
    if (r.kind === 'install') installs.push(r.install);
    else if (r.kind === 'needs-source') needsSource = true;
    else if (r.kind === 'other') other = true;
  }
  if (!ins.shell) other = true;
  return { installs, needsSource, other };
}

// Paths ---------------------------------------------------------------------------------------------

/** Stands for a working directory the file does not set (the base image may). */
const UNKNOWN_ROOT = '/\u0000workdir';

function normalize(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return '/' + out.join('/');
}

function join(base: string, path: string): string {
  return normalize(path.startsWith('/') ? path : `${base}/${path}`);
}

/** The working directory in effect at an instruction, or UNKNOWN_ROOT when no WORKDIR sets it. */
function workdirAt(model: DockerfileModel, stage: Stage, at: DInstruction): string | null {
  let wd = UNKNOWN_ROOT;
  for (const s of stageChain(stage).reverse())
    for (const ins of s.instructions) {
      if (ins === at) return wd;
      if (ins.keyword !== 'WORKDIR' || !ins.args[0]) continue;
      const v = resolveAt(model, ins, ins.args[0].value);
      if (v === null) return null;
      wd = join(wd, v);
    }
  return wd;
}

/** A path inside the build context for an image path, given where the context was copied to. */
function contextPath(root: string, imagePath: string): string | null {
  if (imagePath === root) return '';
  const prefix = root.endsWith('/') ? root : root + '/';
  return imagePath.startsWith(prefix) ? imagePath.slice(prefix.length) : null;
}

function sourceCovers(source: string, ctxPath: string | null, manifest: string): boolean {
  const s = source.replace(/^\.\//, '').replace(/(?<!\/)\/+$/, '');
  if (!s || s === '.') return false;
  const base = basename(manifest);
  if (basename(s) === base) return true;
  if (/[*?[]/.test(s)) {
    const m = picomatch(s, { dot: true });
    if (m(base) || (ctxPath !== null && m(ctxPath))) return true;
  }
  return ctxPath !== null && ctxPath.startsWith(s + '/');
}

/**
 * The install command as the message names it: the tool and its subcommand (`pip install`, `npm ci`,
 * `go mod download`, `python -m pip install`), without options or arguments, so that another rule's fix
 * (`--no-cache-dir`) does not change this finding's message.
 */
function shortCommand(model: DockerfileModel, cmd: ShellCommand): string {
  const words = cmd.words.slice(cmd.nameIndex).map((w) => model.doc.text.slice(w.start, w.end));
  if (words[1] === '-m') return words.slice(0, 4).join(' ');
  const plain = words.filter((w) => !w.startsWith('-'));
  return plain.slice(0, plain[0] === 'go' ? 3 : 2).join(' ') || cmd.name;
}

interface Case {
  copy: ContextCopy;
  run: DInstruction;
  installs: Install[];
  between: DInstruction[];
  other: boolean;
}

function buildFix(model: DockerfileModel, host: Host, stage: Stage, f: Case): FixSpec | undefined {
  const { copy, run, installs } = f;
  if (f.other || installs.some((i) => i.noFix)) return undefined;
  if (f.between.some((i) => i.keyword === 'RUN' || i.keyword === 'WORKDIR' || i.keyword === 'ONBUILD'))
    return undefined;
  if (run.flags.some((fl) => fl.name.toLowerCase() === 'mount' && /(^|,)type=bind/.test(fl.value ?? '')))
    return undefined;
  const wd = workdirAt(model, stage, run);
  const rawDest = copy.dest.value;
  const dest = resolveAt(model, copy.ins, rawDest);
  if (wd === null || dest === null) return undefined;
  const root = join(wd, dest);
  // Context paths of the files to copy first, grouped by the directory they go to.
  const groups = new Map<string, string[]>();
  const add = (ctx: string): void => {
    const slash = ctx.lastIndexOf('/');
    const dir = ctx.endsWith('/') ? ctx : slash >= 0 ? ctx.slice(0, slash + 1) : '';
    const list = groups.get(dir) ?? [];
    if (!list.includes(ctx)) list.push(ctx);
    groups.set(dir, list);
  };
  for (const inst of installs) {
    for (const b of inst.blockers) if (host.exists(b) !== false) return undefined;
    for (const m of inst.manifests) {
      const path = resolveAt(model, run, m.path);
      if (path === null) return undefined;
      let ctx = contextPath(root, join(wd, path));
      if (ctx === null || ctx === '') return undefined;
      if (m.dir && ctx.includes('/')) {
        const dir = ctx.slice(0, ctx.lastIndexOf('/') + 1);
        if (host.exists(dir.slice(0, -1)) === false) return undefined;
        add(dir);
        continue;
      }
      const exists = host.exists(ctx);
      if (!m.optional && exists === false) return undefined;
      if (m.optional && exists === false) continue;
      if (m.optional && exists === undefined) ctx += '*';
      add(ctx);
    }
    for (const e of inst.extras) if (host.exists(e) === true) add(e);
  }
  const flags = copy.ins.flags.map((fl) => model.doc.getText(fl.range)).join(' ');
  const destDir = isContextRoot(rawDest) ? './' : trimEndChars(rawDest, '/') + '/';
  const lines = [...groups.entries()].map(([dir, files]) =>
    ['COPY', flags, ...files, destDir + dir].filter(Boolean).join(' '),
  );
  const doc = model.doc;
  const blockStart = lineAboveComments(model, copy.ins);
  const blockEnd = copy.ins.range.end.line;
  const blank = (line: number): boolean =>
    line >= 0 && line < doc.lineCount && doc.lineText(line).trim() === '';
  // Take one blank line along when the block sits between two, so no double gap is left behind.
  const removeEnd = blank(blockStart - 1) && blank(blockEnd + 1) ? blockEnd + 1 : blockEnd;
  const block = doc.text.slice(doc.lineStart(blockStart), doc.lineEnd(blockEnd));
  const runEnd = doc.positionAt(doc.lineEnd(run.range.end.line));
  const after: TextEdit = { range: { start: runEnd, end: runEnd }, newText: doc.eol + block };
  const names = [...groups.values()].flat().join(', ');
  return {
    title: `Copy ${names} first and the rest after the install`,
    edits: [
      deleteLines(doc, blockStart, removeEnd),
      insertBefore(doc, lineAboveComments(model, run), run.range.start.line, lines),
      after,
    ],
  };
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/copy-before-install',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  aliases: [],
  fix: 'safe',
  messages: {
    early:
      'The whole context is copied before `{install}`, so any source change re-runs the install; copy {manifest} on its own first, install, then copy the rest.',
  },
  docs: {
    summary: 'Copy dependency manifests and install before copying the whole source.',
    rationale:
      'A layer is rebuilt when anything copied before it changes. With `COPY . .` ahead of `pip install -r ' +
      'requirements.txt`, `npm ci`, `go mod download`, `bundle install` and the like, editing one source file ' +
      're-downloads every dependency; copying only the manifests first keeps the install cached until they ' +
      'change. The rule reports a whole-context COPY/ADD followed in the same stage by such an install when the ' +
      'manifest was not copied on its own earlier. It stays quiet for installs that need the source themselves ' +
      '(`pip install .`, `pip install -e .`, `poetry install` without `--no-root`, `uv sync` without ' +
      '`--no-install-project`), when the manifest is named by an unknown variable or produced by an earlier RUN, ' +
      'and for `COPY --from`. The fix copies the manifests (with the lock file and an `.npmrc` or `.yarnrc` when they exist) ' +
      'just before the install, relative to the same destination, and moves the whole-context copy to just after ' +
      'it. It is offered only when nothing between the two needs the source (no RUN or WORKDIR in between, no ' +
      'other command in the install RUN), and not for composer without `--no-scripts`, the Maven wrapper, npm ' +
      'workspaces, pnpm workspaces or Yarn Berry, whose installs need more than the manifests. A requirements ' +
      'file that includes a sibling (`-r base.txt`) or a local path (`-e .`) needs those copied too: add them to ' +
      'the new COPY line.',
    bad:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\n' +
      'CMD ["gunicorn", "-b", ":8000", "app:app"]\n',
    good:
      'FROM python:3.12-slim\nWORKDIR /app\nCOPY requirements.txt ./\nRUN pip install --no-cache-dir -r requirements.txt\n' +
      'COPY . .\nCMD ["gunicorn", "-b", ":8000", "app:app"]\n',
  },
  check(ctx) {
    const model = ctx.model;
    for (const stage of model.stages) {
      const list = stage.instructions;
      list.forEach((ins, i) => {
        const copy = contextCopy(model, ins);
        if (!copy || !copy.sources.some((s) => isContextRoot(s.value)) || !ins.argsRange) return;
        for (let j = i + 1; j < list.length; j++) {
          const run = list[j] as DInstruction;
          if (run.keyword !== 'RUN') continue;
          const r = readRun(run);
          if (r.needsSource) return;
          if (r.installs.length === 0) continue;
          const finding: Case = {
            copy,
            run,
            installs: r.installs,
            between: list.slice(i + 1, j),
            other: r.other,
          };
          const first = r.installs[0] as Install;
          const manifest = first.manifests[0] as Manifest;
          const manifestPath = resolveAt(model, run, manifest.path);
          if (manifestPath === null) return;
          if (alreadyCopied(model, stage, ins, run, manifestPath)) return;
          // A manifest written by an earlier RUN (poetry export > requirements.txt) comes from the source.
          if (
            finding.between.some(
              (b) => b.keyword === 'RUN' && model.doc.getText(b.range).includes(basename(manifestPath)),
            )
          )
            return;
          const argsRange = ins.argsRange;
          const fix = buildFix(model, ctx.host, stage, finding);
          ctx.report({
            at: argsRange,
            messageId: 'early',
            data: { install: shortCommand(model, first.cmd), manifest: manifestPath.replace(/^\.\//, '') },
            fix: fix ? () => fix : undefined,
          });
          return;
        }
      });
    }
  },
});

/** Whether the manifest reached the image by a COPY/ADD of its own before the whole-context copy. */
function alreadyCopied(
  model: DockerfileModel,
  stage: Stage,
  wholeCopy: DInstruction,
  run: DInstruction,
  manifestPath: string,
): boolean {
  const wd = workdirAt(model, stage, run);
  const copy = contextCopy(model, wholeCopy);
  const dest = copy ? resolveAt(model, wholeCopy, copy.dest.value) : null;
  const ctxPath = wd !== null && dest !== null ? contextPath(join(wd, dest), join(wd, manifestPath)) : null;
  for (const s of stageChain(stage).reverse())
    for (const ins of s.instructions) {
      if (ins === wholeCopy) return false;
      const c = contextCopy(model, ins);
      if (c?.sources.some((src) => sourceCovers(src.value, ctxPath, manifestPath))) return true;
    }
  return false;
}

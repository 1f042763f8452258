import { defineRule, type FixSpec } from '../../core/rule';
import type { TextDoc, TextEdit } from '../../core/text';
import {
  argsOf,
  finalStage,
  installedPackages,
  runCommands,
  stageChain,
  subcommand,
  type DInstruction,
  type DockerfileModel,
  type ShellCommand,
  type ShellWord,
  type Stage,
} from '../../languages/dockerfile';
import { deleteLines, replace } from '../../fixes/text';

const TOOLCHAIN = new Set([
  'gcc', 'g++', 'cpp', 'make', 'cmake', 'build-essential', 'build-base', 'clang', 'llvm', 'autoconf', 'automake',
  'libtool', 'pkg-config', 'pkgconf', 'musl-dev', 'linux-headers', 'gfortran', 'cargo', 'rustc', 'ninja-build',
  'gcc-c++', 'python3-dev', 'python-dev',
]); // prettier-ignore

/** Runtime libraries that replace common headers packages in the runtime stage. */
const RUNTIME_OF: Record<string, string> = {
  'libpq-dev': 'libpq5',
  'libxml2-dev': 'libxml2',
  'libxslt1-dev': 'libxslt1.1',
  'libjpeg-dev': 'libjpeg62-turbo',
  'libjpeg62-turbo-dev': 'libjpeg62-turbo',
  'libmariadb-dev': 'libmariadb3',
  'default-libmysqlclient-dev': 'libmariadb3',
  'postgresql-dev': 'libpq',
  'libffi-dev': '',
  'libssl-dev': '',
  'zlib1g-dev': '',
};

function isToolchain(pkg: string): boolean {
  const name = (pkg.split(/[=<>~]/, 1)[0] ?? '').toLowerCase();
  return TOOLCHAIN.has(name) || /-(dev|devel)$/.test(name);
}

function pkgName(w: ShellWord): string {
  return (w.value.split(/[=<>~]/, 1)[0] ?? '').toLowerCase();
}

/**
 * For each package a RUN removes again (`apk del .build-deps`, `apt-get purge gcc`), the index of the last
 * command that removes it. Computed once per RUN: asking "is it removed later?" of every command by
 * scanning the commands after it would be quadratic in a long heredoc script.
 */
function lastRemovals(ins: DInstruction): Removals {
  const index = new Map<ShellCommand, number>();
  const last = new Map<string, number>();
  let markedAuto = -1;
  let autoRemovedBefore = -1;
  (ins.shell?.commands ?? []).forEach((c, i) => {
    index.set(c, i);
    const sub = subcommand(c)?.value;
    const apt = c.name === 'apt-get' || c.name === 'apt';
    const removes = (apt && (sub === 'purge' || sub === 'remove')) || (c.name === 'apk' && sub === 'del');
    if (removes) for (const w of argsOf(c)) if (!w.value.startsWith('-')) last.set(w.value.toLowerCase(), i);
    // docker-library's pattern: `apt-mark auto '.*'` after the build, then `apt-get purge --auto-remove`
    // (or `autoremove`) removes everything installed before the mark that nothing kept manual.
    // Also `apt-mark showmanual | xargs apt-mark auto` (the postgres images).
    const xargsAuto =
      c.name === 'xargs' &&
      /\bapt-mark auto\b/.test(
        argsOf(c)
          .map((w) => w.value)
          .join(' '),
      );
    if ((c.name === 'apt-mark' && sub === 'auto') || xargsAuto) markedAuto = i;
    const autoRemoves =
      apt && (sub === 'autoremove' || (removes && argsOf(c).some((w) => /^--auto-?remove$/.test(w.value))));
    if (autoRemoves && markedAuto >= 0) autoRemovedBefore = markedAuto;
  });
  return { index, last, autoRemovedBefore };
}

interface Removals {
  index: Map<ShellCommand, number>;
  last: Map<string, number>;
  /** Commands before this index install packages that an `apt-mark auto` + autoremove later removes. */
  autoRemovedBefore: number;
}

/** Packages a later command of the same RUN removes again. */
function purgedInSameRun(removals: Removals, cmd: ShellCommand): Set<string> {
  const at = removals.index.get(cmd) ?? Infinity;
  const later = (name: string): boolean => (removals.last.get(name) ?? -1) > at;
  const out = new Set<string>();
  if (at < removals.autoRemovedBefore) for (const w of installedPackages(cmd)) out.add(pkgName(w));
  for (const w of installedPackages(cmd)) if (later(pkgName(w))) out.add(pkgName(w));
  // `apk add --virtual .build-deps gcc … && apk del .build-deps` removes the whole group.
  const args = argsOf(cmd);
  const virtual = args.findIndex((w) => w.value === '--virtual' || w.value === '-t');
  const group = virtual >= 0 ? args[virtual + 1]?.value.toLowerCase() : undefined;
  if (group && later(group)) for (const w of installedPackages(cmd)) out.add(pkgName(w));
  return out;
}

interface Offender {
  ins: DInstruction;
  cmd: ShellCommand;
  words: ShellWord[];
}

function isPipInstall(c: ShellCommand): boolean {
  const args = argsOf(c).map((w) => w.value);
  if (c.name === 'pip' || c.name === 'pip3' || /^pip3\.\d+$/.test(c.name))
    return args.find((a) => !a.startsWith('-')) === 'install';
  if (/^python(3(\.\d+)?)?$/.test(c.name))
    return args[0] === '-m' && args[1] === 'pip' && args.includes('install');
  return false;
}

const PACKAGE_ONLY = (c: ShellCommand): boolean => {
  const sub = subcommand(c)?.value;
  if (c.name === 'apt-get' || c.name === 'apt')
    return ['update', 'install', 'clean', 'upgrade'].includes(sub ?? '');
  if (c.name === 'apk') return sub === 'add' || sub === 'update';
  if (c.name === 'rm')
    return argsOf(c).some(
      (w) => w.value.startsWith('/var/lib/apt/lists') || w.value.startsWith('/var/cache/apk'),
    );
  return false;
};

/** pip options that take a value as the next word. */
const PIP_VALUE_OPTIONS = new Set([
  '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--trusted-host', '-t', '--target',
  '--prefix', '--root', '--platform', '--python-version', '--implementation', '--abi', '--only-binary',
  '--no-binary', '--progress-bar', '--timeout', '--retries', '--cache-dir', '--src', '--upgrade-strategy',
]); // prettier-ignore

/**
 * What the builder must copy for its pip installs when they need only requirement files: `COPY` lines
 * for those files (a file in a folder brings its folder, as `-r base.txt` includes are relative to it), an
 * empty list when the installs name only packages, or null when an install reads the source itself
 * (`pip install .`, a local wheel, `-e`, a local `--find-links`) or a path is not plain.
 */
function requirementCopies(pipRuns: DInstruction[]): string[] | null {
  const files = new Set<string>();
  for (const r of pipRuns)
    for (const c of r.shell?.commands ?? []) {
      const args = argsOf(c).map((w) => w.value);
      for (let i = 0; i < args.length; i++) {
        const a = args[i] as string;
        let file: string | undefined;
        if (a === '-r' || a === '--requirement' || a === '-c' || a === '--constraint') file = args[++i];
        else if (/^--(requirement|constraint)=/.test(a)) file = a.slice(a.indexOf('=') + 1);
        else if (/^-[rc]./.test(a)) file = a.slice(2);
        else if (a === '-e' || a === '--editable' || a.startsWith('--editable=')) return null;
        else if (PIP_VALUE_OPTIONS.has(a)) {
          const v = args[++i] ?? '';
          if ((a === '-f' || a === '--find-links') && !/^https?:/.test(v)) return null;
        } else if (!a.startsWith('-') && /[./\\$]/.test(a) && !/^[A-Za-z0-9_.-]+([<>=!~]=?[^/]*)?$/.test(a))
          return null;
        else if (a === '.' || a.startsWith('./') || a.startsWith('/')) return null;
        if (file === undefined) continue;
        if (!/^[A-Za-z0-9_][A-Za-z0-9_./-]*$/.test(file) || file.split('/').includes('..')) return null;
        files.add(file.replace(/^\.\//, ''));
      }
    }
  const top = [...files].filter((f) => !f.includes('/'));
  const dirs = [
    ...new Set([...files].filter((f) => f.includes('/')).map((f) => f.slice(0, f.lastIndexOf('/')))),
  ];
  return [...(top.length ? [`COPY ${top.join(' ')} ./`] : []), ...dirs.map((d) => `COPY ${d}/ ${d}/`)];
}

/** `COPY . .` (or `./`): the whole context into the working directory. */
function copiesContextHere(ins: DInstruction): boolean {
  if (ins.keyword !== 'COPY' || ins.flags.length > 0 || ins.heredocs.length > 0) return false;
  const args = ins.args.map((a) => a.value);
  return args.length === 2 && ['.', './'].includes(args[0] ?? '') && ['.', './'].includes(args[1] ?? '');
}

/**
 * Builds the split for a single-stage Python image: a builder stage that keeps the compilers and installs
 * the dependencies into a virtual environment, and the original stage, now the runtime, which installs
 * only runtime libraries and copies the environment across (the usual Python builder/runtime pattern, with a
 * venv instead of `pip --user` so that a non-root user can read it).
 */
function pythonSplit(doc: TextDoc, stage: Stage, offenders: Offender[]): FixSpec | undefined {
  const image = stage.from.args[0]?.value;
  if (!image || !/^(docker\.io\/)?(library\/)?python$/.test(stage.image?.name ?? '')) return undefined;
  const runs = stage.instructions.filter((i) => i.keyword === 'RUN');
  const pipRuns = runs.filter((i) => i.shell?.commands.some(isPipInstall));
  if (pipRuns.length === 0) return undefined;
  // Only RUNs made purely of pip installs can move wholesale; anything else is not a determinable edit.
  for (const r of pipRuns) {
    const cmds = r.shell?.commands ?? [];
    if (!cmds.every(isPipInstall) || cmds.some((c) => argsOf(c).some((w) => w.value === '--user')))
      return undefined;
    if (r.flags.length > 0 || r.heredocs.length > 0) return undefined;
  }
  const toolRuns = new Set(offenders.map((o) => o.ins));
  for (const r of toolRuns)
    if (!(r.shell?.commands ?? []).every(PACKAGE_ONLY) || r.heredocs.length > 0) return undefined;

  const lastPip = pipRuns[pipRuns.length - 1] as DInstruction;
  const firstPip = pipRuns[0] as DInstruction;
  const eol = doc.eol;
  const text = (i: DInstruction): string => doc.getText(i.range);
  const builder: string[] = [`# Build stage: compilers and headers stay here.`, `FROM ${image} AS builder`];
  const contextCopies = stage.instructions.filter(
    (i) => copiesContextHere(i) && i.range.start.line < firstPip.range.start.line,
  );
  const workdirAfterCopy = stage.instructions.some(
    (i) =>
      i.keyword === 'WORKDIR' &&
      contextCopies.some((c) => c.range.start.line < i.range.start.line) &&
      i.range.start.line < lastPip.range.start.line,
  );
  const copies = workdirAfterCopy ? null : requirementCopies(pipRuns);
  for (const ins of stage.instructions.slice(1)) {
    if (ins.range.start.line > lastPip.range.start.line) break;
    if (
      [
        'EXPOSE',
        'CMD',
        'ENTRYPOINT',
        'HEALTHCHECK',
        'USER',
        'VOLUME',
        'LABEL',
        'STOPSIGNAL',
        'ONBUILD',
      ].includes(ins.keyword)
    )
      continue;
    if (ins === firstPip) builder.push('RUN python -m venv /opt/venv', 'ENV PATH="/opt/venv/bin:$PATH"');
    // The builder needs only the requirement files: the whole source would re-run the install on every
    // change (dockerfile/copy-before-install), and the runtime stage copies it anyway.
    if (copies && copiesContextHere(ins)) builder.push(...copies);
    else builder.push(text(ins));
  }

  const edits: TextEdit[] = [];
  const fromLine = stage.from.range.start.line;
  edits.push({
    range: { start: { line: fromLine, character: 0 }, end: { line: fromLine, character: 0 } },
    newText: builder.join(eol) + eol + eol + '# Runtime stage: only what the application needs to run.' + eol,
  });
  for (const r of toolRuns) {
    const kept: string[] = [];
    let family: 'apt' | 'apk' = 'apt';
    for (const c of r.shell?.commands ?? []) {
      if (c.name === 'apk') family = 'apk';
      for (const w of installedPackages(c)) {
        const name = pkgName(w);
        if (!isToolchain(name)) kept.push(w.value);
        else if (RUNTIME_OF[name]) kept.push(RUNTIME_OF[name] as string);
      }
    }
    const unique = [...new Set(kept)];
    if (unique.length === 0) edits.push(deleteLines(doc, r.range.start.line, r.range.end.line));
    else
      edits.push(
        replace(
          r.range,
          family === 'apk'
            ? `RUN apk add --no-cache ${unique.join(' ')}`
            : `RUN apt-get update && apt-get install -y --no-install-recommends ${unique.join(' ')} && rm -rf /var/lib/apt/lists/*`,
        ),
      );
  }
  for (const r of pipRuns) {
    if (r === firstPip)
      edits.push(
        replace(r.range, `COPY --from=builder /opt/venv /opt/venv${eol}ENV PATH="/opt/venv/bin:$PATH"`),
      );
    else edits.push(deleteLines(doc, r.range.start.line, r.range.end.line));
  }
  return {
    title:
      'Split into builder and runtime stages (changes behaviour: the runtime image no longer has the build tools)',
    edits,
  };
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/toolchain-in-final-stage',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    toolchain:
      'The final image ships build tools ({packages}): compile in a builder stage and copy only the results into a slim runtime stage.',
  },
  docs: {
    summary: 'Compilers, headers and build tools belong in a builder stage, not in the image that ships.',
    rationale:
      'gcc, make, build-essential and `-dev` header packages are needed to compile dependencies but not to run ' +
      'them. Left in the final image they add hundreds of megabytes and give an attacker a compiler. A multi-stage ' +
      'build compiles in a builder stage and copies only the installed dependencies into a slim runtime stage. ' +
      'Builder stages are not reported, nor packages the same RUN removes again (`apk add --virtual .build-deps … ' +
      "&& apk del .build-deps`, `apt-get purge`, and the official images’ `apt-mark auto '.*'` followed by " +
      '`apt-get purge --auto-remove`, which removes everything installed before the mark). For single-stage Python images the fix performs the split: the ' +
      'builder installs into a virtual environment in /opt/venv and the runtime stage copies it, installing only ' +
      'the runtime counterparts of header packages it knows (libpq-dev → libpq5). When the installs need only ' +
      'requirement files, the builder copies those (a file in a folder brings its folder) instead of the whole ' +
      'context, so a source change does not re-run the install.',
    bad:
      'FROM python:3.12-slim\nWORKDIR /app\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*\n' +
      'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "app:app"]\n',
    good:
      'FROM python:3.12-slim AS builder\nWORKDIR /app\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends build-essential libpq-dev && rm -rf /var/lib/apt/lists/*\n' +
      'RUN python -m venv /opt/venv\nENV PATH="/opt/venv/bin:$PATH"\n' +
      'COPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n\n' +
      'FROM python:3.12-slim\nWORKDIR /app\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends libpq5 && rm -rf /var/lib/apt/lists/*\n' +
      'COPY --from=builder /opt/venv /opt/venv\nENV PATH="/opt/venv/bin:$PATH"\nCOPY . .\nCMD ["gunicorn", "app:app"]\n',
  },
  check(ctx) {
    const stage = finalStage(ctx.model);
    if (!stage) return;
    // Development and CI images are meant to carry their tools.
    if (stage.name && /^(dev|development|debug|test|tests|ci)$/.test(stage.name)) return;
    if (ctx.host.fileName && /\.(dev|development|test|ci)$|^dev\.|\.dev\./i.test(ctx.host.fileName)) return;
    const offenders: Offender[] = [];
    const removals = new Map<DInstruction, ReturnType<typeof lastRemovals>>();
    for (const s of stageChain(stage))
      for (const { instruction, command } of runCommands(s)) {
        let r = removals.get(instruction);
        if (!r) removals.set(instruction, (r = lastRemovals(instruction)));
        const purged = purgedInSameRun(r, command);
        const words = installedPackages(command).filter(
          (w) => isToolchain(w.value) && !purged.has(pkgName(w)),
        );
        if (words.length > 0) offenders.push({ ins: instruction, cmd: command, words });
      }
    const single = ctx.model.stages.length === 1;
    offenders.forEach((o, k) => {
      const first = o.words[0] as ShellWord;
      ctx.report({
        at: first.range,
        messageId: 'toolchain',
        data: { packages: o.words.map((w) => w.value).join(', ') },
        // One split covers every offender, so only the first finding carries it.
        fix: single && k === 0 ? () => pythonSplit(ctx.doc, stage, offenders) : undefined,
      });
    });
  },
});

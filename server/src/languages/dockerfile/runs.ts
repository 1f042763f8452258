import type { Range, TextDoc } from '../../core/text';
import type { DHeredoc, DInstruction, DockerfileModel, Stage } from './model';
import { finalStage, resolveAt, stageChain } from './query';
import { argsOf, parseShell, type ShellCommand, type ShellScript, type ShellWord } from './shell';
import { trimChars, trimEndChars } from '../../core/strings';

/**
 * Queries shared by the rules that read RUN instructions (apt, apk, pip…): where a RUN's commands really
 * are, how a package manager's subcommand and flags are read, which stages ship. The edits their fixes make
 * live in `fixes/packages.ts`.
 */

/** The shell commands a RUN executes, and whether they come from a heredoc body. */
export interface Run {
  ins: DInstruction;
  script: ShellScript;
  /** The heredoc that holds the script, when the script is a heredoc body. */
  heredoc: DHeredoc | null;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh']);

/**
 * The commands of a shell-form RUN. The model parses the first heredoc body of any RUN as the script,
 * which is right for `RUN <<EOF` and `RUN bash <<EOF` but not for `RUN cat <<EOF > /etc/file && …`, where
 * the body is data and the commands are on the RUN line itself; this reads that line instead.
 */
export function runOf(model: DockerfileModel, ins: DInstruction): Run | null {
  if (ins.keyword !== 'RUN' || ins.json) return null;
  const heredoc = ins.heredocs[0];
  if (!heredoc) return ins.shell ? { ins, script: ins.shell, heredoc: null } : null;
  const first = ins.args[0];
  if (!first) return null;
  const doc = model.doc;
  const line = parseShell(
    doc,
    doc.offsetAt(first.range.start),
    doc.lineEnd(heredoc.nameRange.start.line),
    model.escapeChar,
  );
  const program = line.commands[0];
  if (first.value.startsWith('<<')) {
    // `RUN <<EOF python3`: the body is read by a program that is not a shell.
    if (program && program.name && !SHELLS.has(program.name)) return null;
    return ins.shell ? { ins, script: ins.shell, heredoc } : null;
  }
  if (
    line.commands.length === 1 &&
    program &&
    SHELLS.has(program.name) &&
    !argsOf(program).some((w) => /^-[A-Za-z]*c/.test(w.value))
  )
    return ins.shell ? { ins, script: ins.shell, heredoc } : null;
  return { ins, script: line, heredoc: null };
}

/** Per model, the runs of each stage: some twenty rules ask, and reading a heredoc RUN's line parses it. */
const runCache = new WeakMap<DockerfileModel, Map<Stage, Run[]>>();

/** The RUN instructions of a stage with their commands, in order. */
export function runsOf(model: DockerfileModel, stage: Stage): Run[] {
  let byStage = runCache.get(model);
  if (!byStage) {
    byStage = new Map();
    runCache.set(model, byStage);
  }
  const cached = byStage.get(stage);
  if (cached) return cached;
  const out: Run[] = [];
  byStage.set(stage, out);
  for (const ins of stage.instructions) {
    const run = runOf(model, ins);
    if (run) out.push(run);
  }
  return out;
}

/** Stages whose layers end up in the image: the final stage and the stages it is built FROM. */
export function shippedStages(model: DockerfileModel): Stage[] {
  const last = finalStage(model);
  return last ? stageChain(last) : [];
}

/** Stages other than `stage` that are built FROM it, directly or through other stages. */
export function stagesBuiltOn(model: DockerfileModel, stage: Stage): Stage[] {
  return model.stages.filter((s) => s !== stage && stageChain(s).includes(stage));
}

// ---------------------------------------------------------------------------------------------------------
// Reading commands

/** Shell words that open or close a compound command rather than run a program. */
export const RESERVED_WORDS = new Set([
  'if',
  'then',
  'else',
  'elif',
  'fi',
  'do',
  'done',
  'while',
  'until',
  'for',
  'case',
  'esac',
  '!',
  '{',
  '}',
]);

/** The first argument that is not a flag, skipping the values of flags that take one. */
export function subcommandIn(
  args: readonly ShellWord[],
  valueFlags: ReadonlySet<string>,
): { word: ShellWord; index: number } | undefined {
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as ShellWord;
    const v = w.value;
    if (v === '--') {
      const next = args[i + 1];
      return next ? { word: next, index: i + 1 } : undefined;
    }
    if (v.startsWith('-') && v.length > 1) {
      if (valueFlags.has(v)) i++;
      continue;
    }
    return { word: w, index: i };
  }
  return undefined;
}

/** Like the shell model's `findFlag`, over any words: long flags alone or with `=`, short ones also grouped. */
export function flagIn<W extends { value: string }>(args: readonly W[], ...names: string[]): W | undefined {
  for (const w of args) {
    const v = w.value;
    for (const n of names) {
      if (n.startsWith('--')) {
        if (v === n || v.startsWith(n + '=')) return w;
      } else if (n.length === 2 && /^-[A-Za-z0-9]+$/.test(v) && v.includes(n[1] as string)) return w;
      else if (v === n) return w;
    }
  }
  return undefined;
}

/**
 * The values of arguments with Dockerfile variables expanded and split, since a variable may hold flags
 * (`apt-get install $APT_OPTS curl`). Null when a variable has no known value: rules then stay quiet.
 */
export function expandedArgs(
  model: DockerfileModel,
  ins: DInstruction,
  args: readonly ShellWord[],
): { value: string }[] | null {
  const out: { value: string }[] = [];
  for (const w of args) {
    if (!w.value.includes('$')) {
      out.push(w);
      continue;
    }
    const v = resolveAt(model, ins, w.value);
    if (v === null) return null;
    if (w.quoted) out.push({ value: v });
    // ENV and ARG values reach the model with their quotes (`ENV A="-y -q"`); the builder removes them.
    else
      for (const part of v.split(/\s+/)) {
        const value = trimChars(part, `"'`);
        if (value) out.push({ value });
      }
  }
  return out;
}

/** A package manager call: the program word, its subcommand, and every argument after the program. */
export interface ToolCall {
  cmd: ShellCommand;
  /** The word naming the program (`apt-get`, `/usr/bin/pip3`, or `python3` for `python3 -m pip`). */
  program: ShellWord;
  subcommand: ShellWord;
  /** Arguments of the tool (for `python -m pip`, those after `pip`). */
  args: ShellWord[];
  /** The tool's name as users write it: `apt-get`, `apk`, `pip3`, `python3 -m pip`. */
  label: string;
}

const APT_VALUE_FLAGS = new Set([
  '-o',
  '--option',
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '--default-release',
  '-a',
  '--host-architecture',
  '-P',
  '--build-profiles',
]);

/** `apt-get …`, `apt …` or `aptitude …` (the same lists and cache), with its subcommand (`update`, `install`, …). */
export function aptCall(cmd: ShellCommand): ToolCall | undefined {
  if (cmd.name !== 'apt-get' && cmd.name !== 'apt' && cmd.name !== 'aptitude') return undefined;
  const args = argsOf(cmd);
  const sub = subcommandIn(args, APT_VALUE_FLAGS);
  const program = cmd.words[cmd.nameIndex];
  if (!sub || !program) return undefined;
  return { cmd, program, subcommand: sub.word, args, label: cmd.name };
}

/** apt subcommands that read the package lists `apt-get update` downloads. */
export const APT_LIST_READERS = new Set([
  'install',
  'reinstall',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'build-dep',
  'source',
  'download',
  'satisfy',
]);

export function isAptUpdate(cmd: ShellCommand): boolean {
  return aptCall(cmd)?.subcommand.value === 'update';
}

export function isAptInstall(cmd: ShellCommand): boolean {
  return aptCall(cmd)?.subcommand.value === 'install';
}

/** A command that reads the apt package lists: `apt-get install`, `apt-get upgrade`, `apt-cache …`. */
export function readsAptLists(cmd: ShellCommand): boolean {
  if (cmd.name === 'apt-cache') return true;
  const call = aptCall(cmd);
  return call !== undefined && APT_LIST_READERS.has(call.subcommand.value);
}

/** Whether a RUN reads the apt lists (installs, upgrades, apt-cache) before it downloads them itself. */
export function reliesOnEarlierLists(run: Run): boolean {
  for (const cmd of run.script.commands) {
    if (isAptUpdate(cmd)) return false;
    if (readsAptLists(cmd)) return true;
  }
  return false;
}

/** The apt quiet level a command sets (`-qq`, `-q -q`, `-q=2`, `--quiet=2`). */
export function aptQuietLevel(args: readonly { value: string }[]): number {
  let level = 0;
  for (const w of args) {
    const v = w.value;
    const eq = /^(?:-q|--quiet)=(\d+)$/.exec(v);
    if (eq) level = Number(eq[1]);
    else if (v === '--quiet') level++;
    else if (/^-[A-Za-z]+$/.test(v)) level += (v.match(/q/g) ?? []).length;
  }
  return level;
}

const APK_VALUE_FLAGS = new Set([
  '-X',
  '--repository',
  '-p',
  '--root',
  '--arch',
  '--cache-dir',
  '--keys-dir',
  '--repositories-file',
  '--cache-max-age',
  '--timeout',
]);

export function apkCall(cmd: ShellCommand): ToolCall | undefined {
  if (cmd.name !== 'apk') return undefined;
  const args = argsOf(cmd);
  const sub = subcommandIn(args, APK_VALUE_FLAGS);
  const program = cmd.words[cmd.nameIndex];
  if (!sub || !program) return undefined;
  return { cmd, program, subcommand: sub.word, args, label: 'apk' };
}

const PIP_VALUE_FLAGS = new Set([
  '--proxy',
  '--log',
  '--log-file',
  '--cache-dir',
  '--timeout',
  '--retries',
  '--exists-action',
  '--trusted-host',
  '--cert',
  '--client-cert',
  '--python',
  '--keyring-provider',
  '--use-feature',
  '--use-deprecated',
  '--root-user-action',
  '-i',
  '--index-url',
  '--extra-index-url',
]);
const PIP = /^pip(?:\d+(?:\.\d+)?)?$/;
const PYTHON = /^python(?:\d+(?:\.\d+)?)?$/;
/** Python interpreter flags that take a separate value. */
const PYTHON_VALUE_FLAGS = new Set(['-W', '-X', '--check-hash-based-pycs']);

/** `pip …`, `pip3 …`, `/venv/bin/pip …` or `python3 -m pip …`. */
export function pipCall(cmd: ShellCommand): ToolCall | undefined {
  const program = cmd.words[cmd.nameIndex];
  if (!program) return undefined;
  let args: ShellWord[] | undefined;
  let label = cmd.name;
  if (PIP.test(cmd.name)) args = argsOf(cmd);
  else if (PYTHON.test(cmd.name)) {
    const rest = argsOf(cmd);
    for (let i = 0; i < rest.length; i++) {
      const v = (rest[i] as ShellWord).value;
      if (v === '-m') {
        const mod = rest[i + 1];
        if (mod && PIP.test(mod.value)) {
          args = rest.slice(i + 2);
          label = `${cmd.name} -m ${mod.value}`;
        }
        break;
      }
      if (/^-m(pip\d*(?:\.\d+)?)$/.test(v)) {
        args = rest.slice(i + 1);
        label = `${cmd.name} ${v}`;
        break;
      }
      // `-c code` or a script: not pip.
      if (!v.startsWith('-') || v === '-c' || v.startsWith('-c')) break;
      if (PYTHON_VALUE_FLAGS.has(v)) i++;
    }
  }
  if (!args) return undefined;
  const sub = subcommandIn(args, PIP_VALUE_FLAGS);
  if (!sub) return undefined;
  return { cmd, program, subcommand: sub.word, args, label };
}

/** The range from the program word to the subcommand, e.g. `apt-get install` or `python3 -m pip install`. */
export function callRange(doc: TextDoc, call: ToolCall): Range {
  return doc.rangeOf(call.program.start, call.subcommand.end);
}

/** Whether an `rm` (or `find … -delete`) command of the list removes a path at or under one of the prefixes. */
export function removesPath(cmds: readonly ShellCommand[], ...prefixes: string[]): boolean {
  return cmds.some((c) => {
    if (c.name !== 'rm' && !(c.name === 'find' && argsOf(c).some((w) => w.value === '-delete'))) return false;
    return argsOf(c).some((w) => prefixes.some((p) => w.value === p || w.value.startsWith(p + '/')));
  });
}

// ---------------------------------------------------------------------------------------------------------
// RUN --mount

export interface Mount {
  type: string;
  target: string | null;
}

export function mountsOf(ins: DInstruction): Mount[] {
  const out: Mount[] = [];
  for (const f of ins.flags) {
    if (f.name.toLowerCase() !== 'mount' || !f.value) continue;
    const opts = new Map<string, string>();
    for (const part of f.value.split(',')) {
      const eq = part.indexOf('=');
      const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
      const value = eq < 0 ? '' : part.slice(eq + 1).trim();
      opts.set(key, value.replace(/^["']|["']$/g, ''));
    }
    const target = opts.get('target') ?? opts.get('dst') ?? opts.get('destination') ?? null;
    out.push({
      type: (opts.get('type') || 'bind').toLowerCase(),
      target: target ? trimEndChars(target, '/') || '/' : null,
    });
  }
  return out;
}

/** Whether the RUN mounts a cache (or another mount type given) at, above or below one of the paths. */
export function mountsOver(
  ins: DInstruction,
  paths: readonly string[],
  types: readonly string[] = ['cache'],
): boolean {
  return mountsOf(ins).some(
    (m) =>
      m.target !== null &&
      types.includes(m.type) &&
      paths.some((p) => {
        const t = m.target as string;
        return t === p || p.startsWith(t.endsWith('/') ? t : t + '/') || t.startsWith(p + '/');
      }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Context

/**
 * The text of everything that runs before an offset of an instruction: the instructions of the stages it is
 * built FROM, the earlier instructions of its stage, and the instruction itself up to the offset. Rules use
 * it to find configuration files written earlier (`APT::Install-Recommends "false"`).
 */
const mentions = new WeakMap<DockerfileModel, Map<string, boolean>>();

/**
 * Whether `re` matches the text that runs before `offset` (see textBefore). Building that text is linear
 * in the file, so the whole document is searched once per model first: most files never mention the
 * setting, and then no instruction pays for it.
 */
export function configuredBefore(
  model: DockerfileModel,
  ins: DInstruction,
  offset: number,
  re: RegExp,
): boolean {
  let cache = mentions.get(model);
  if (!cache) {
    cache = new Map();
    mentions.set(model, cache);
  }
  let anywhere = cache.get(re.source);
  if (anywhere === undefined) {
    anywhere = new RegExp(re.source, re.flags.replace('g', '')).test(model.doc.text);
    cache.set(re.source, anywhere);
  }
  return anywhere && re.test(textBefore(model, ins, offset));
}

export function textBefore(model: DockerfileModel, ins: DInstruction, offset: number): string {
  const stage = model.stages[ins.stage];
  const doc = model.doc;
  const parts: string[] = [];
  if (stage)
    for (const s of stageChain(stage).reverse())
      for (const i of s.instructions) {
        if (i === ins) break;
        parts.push(doc.getText(i.range));
      }
  parts.push(doc.text.slice(doc.offsetAt(ins.range.start), offset));
  // `cat <<EOF > /etc/apt/apt.conf.d/x && apt-get install …`: the heredoc is written before the command runs.
  for (const h of ins.heredocs)
    if (
      h.contentRange &&
      doc.offsetAt(h.nameRange.end) <= offset &&
      doc.offsetAt(h.contentRange.start) >= offset
    )
      parts.push(h.content);
  return parts.join('\n');
}

/** Whether a command opens or closes a compound command (`if …`, `then …`, `fi`, `for …`). */
export function hasKeyword(cmd: ShellCommand): boolean {
  return (
    RESERVED_WORDS.has(cmd.name) ||
    cmd.words.slice(0, cmd.nameIndex).some((w) => !w.quoted && RESERVED_WORDS.has(w.value))
  );
}

// ---------------------------------------------------------------------------------------------------------
// yum, dnf, microdnf, zypper

const RPM_VALUE_FLAGS = new Set([
  '-c',
  '--config',
  '--installroot',
  '--releasever',
  '--setopt',
  '--enablerepo',
  '--disablerepo',
  '--repo',
  '--repoid',
  '-x',
  '--exclude',
  '--forcearch',
  '-R',
  '--root',
  '-D',
  '--rpm-macros',
]);

export type RpmTool = 'yum' | 'dnf' | 'microdnf' | 'zypper';

/** `yum …`, `dnf …`, `microdnf …` or `zypper …`, with its subcommand. */
export function rpmCall(cmd: ShellCommand): (ToolCall & { tool: RpmTool }) | undefined {
  const tool = cmd.name;
  if (tool !== 'yum' && tool !== 'dnf' && tool !== 'microdnf' && tool !== 'zypper') return undefined;
  const args = argsOf(cmd);
  const sub = subcommandIn(args, RPM_VALUE_FLAGS);
  const program = cmd.words[cmd.nameIndex];
  if (!sub || !program) return undefined;
  return { cmd, program, subcommand: sub.word, args, label: tool, tool };
}

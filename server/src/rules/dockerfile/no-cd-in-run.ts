import { defineRule } from '../../core/rule';
import {
  argsOf,
  resolveAt,
  stageChain,
  unquote,
  type DInstruction,
  type DockerfileModel,
  type ShellCommand,
} from '../../languages/dockerfile';
import { insertLinesBefore, replace } from '../../fixes/text';

/** Directories whose use marks a throw-away build (download, unpack, make install, delete). */
const TEMPORARY = /^(\/tmp|\/var\/tmp|\/dev\/shm)(\/|$)|^\$\{?TMPDIR\b|mktemp/;

/** The directory a `cd` command changes to, or '' for a bare `cd` (home). */
function target(cmd: ShellCommand): string {
  const args = argsOf(cmd);
  const dir = args.find((w) => w.value === '-' || !w.value.startsWith('-'));
  return dir?.value ?? '';
}

/** Paths the script deletes with `rm`, without trailing slashes or `*`. */
function removedPaths(commands: ShellCommand[]): Set<string> {
  const paths = commands
    .filter((c) => c.name === 'rm')
    .flatMap((c) => argsOf(c).map((w) => w.value))
    .filter((v) => !v.startsWith('-'))
    .map((v) => v.replace(/(?<![/*])[/*]+$/, ''))
    .filter((v) => v !== '' && v !== '.' && v !== '..');
  return new Set(paths);
}

/**
 * A throw-away build: the directory is a temporary one, or the same RUN deletes it afterwards (as the official
 * python image does with `cd /usr/src/python; ./configure; make install; cd /; rm -rf /usr/src/python`).
 */
function isThrowAway(dir: string, removed: Set<string>): boolean {
  if (TEMPORARY.test(dir)) return true;
  // The directory or one of its parents, looked up in a set: a long script has many `cd`s and `rm`s.
  for (let p = dir; p !== ''; p = p.slice(0, Math.max(0, p.lastIndexOf('/'))))
    if (removed.has(p)) return true;
  return false;
}

/** The `cd` commands of a script that are not inside a `( … )` subshell. */
function topLevelCds(commands: ShellCommand[]): ShellCommand[] {
  const out: ShellCommand[] = [];
  let depth = 0;
  for (const cmd of commands) {
    if (cmd.separatorBefore === '(') depth++;
    if (depth === 0 && cmd.name === 'cd' && cmd.nameIndex === 0) out.push(cmd);
    if (cmd.separatorAfter === ')') depth = Math.max(0, depth - 1);
  }
  return out;
}

/** `a/b/../c` → `a/c`, for an absolute path. */
function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}

/** The absolute directory a `cd` moves to, when the file tells: an absolute path, or one relative to a known WORKDIR. */
function absoluteTarget(model: DockerfileModel, ins: DInstruction, dir: string): string | null {
  const value = resolveAt(model, ins, dir);
  if (value === null || value === '' || value === '-' || value.startsWith('~')) return null;
  if (value.startsWith('/')) return normalize(value);
  const stage = model.stages[ins.stage];
  let base: string | null = null;
  if (stage)
    for (const s of stageChain(stage).reverse())
      for (const i of s.instructions) {
        if (i === ins) break;
        if (i.keyword !== 'WORKDIR' || i.args.length === 0) continue;
        const w = resolveAt(model, i, unquote(i.args.map((a) => a.value).join(' '), model.escapeChar));
        base =
          w === null
            ? null
            : w.startsWith('/')
              ? normalize(w)
              : base === null
                ? null
                : normalize(`${base}/${w}`);
      }
  return base === null ? null : normalize(`${base}/${value}`);
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/no-cd-in-run',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  aliases: ['hadolint:DL3003', 'trivy:DS013'],
  fix: 'unsafe',
  messages: {
    useWorkdir:
      'cd only lasts until the end of this RUN, so later instructions still start in the old directory: set it with WORKDIR {dir}.',
  },
  docs: {
    summary: 'Use WORKDIR rather than `cd` at the top level of a RUN.',
    rationale:
      '`cd` in a RUN changes directory for that one shell only; readers of the following COPY, RUN and CMD lines ' +
      'have to remember that they start somewhere else, and long `cd a && … && cd ../b` chains are hard to follow. ' +
      'WORKDIR states the directory once, creates it if needed and applies to everything after it. A `cd` is still ' +
      'the right tool in some places, where the rule stays quiet: inside a subshell `(cd sub && make)`, whose effect ' +
      'is visibly scoped, and in a RUN that builds something in a throw-away directory (`cd /tmp`, `cd $(mktemp -d)`, ' +
      'or a directory the same RUN deletes with `rm`), where a WORKDIR would leave a directory that no longer exists ' +
      "in the image's configuration. Only " +
      'the first top-level `cd` of a RUN is reported. This is a readability rule, reported as information. The ' +
      'message names the absolute directory, resolving `cd ..` or `cd sub` against the WORKDIR in force; when a RUN ' +
      'starts with `cd <dir> &&`, the fix moves it to a WORKDIR line, which changes where the instructions after ' +
      'it run and so is not applied by fix-all.',
    bad: 'FROM node:20-slim\nCOPY . /app\nRUN cd /app && npm ci\nCMD ["node", "/app/server.js"]\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci\nCMD ["node", "server.js"]\n',
  },
  check(ctx) {
    for (const stage of ctx.model.stages)
      for (const ins of stage.instructions) {
        if (ins.keyword !== 'RUN' || !ins.shell) continue;
        const cds = topLevelCds(ins.shell.commands);
        const first = cds[0];
        if (!first) continue;
        const removed = removedPaths(ins.shell.commands);
        if (cds.some((c) => isThrowAway(target(c), removed))) continue;
        const dir = target(first);
        const absolute = dir ? absoluteTarget(ctx.model, ins, dir) : null;
        const next = ins.shell.commands[ins.shell.commands.indexOf(first) + 1];
        const doc = ctx.doc;
        // `cd /app && rest` at the start of a RUN becomes `WORKDIR /app` and `RUN rest`. It changes where the
        // instructions after it start, hence an unsafe fix.
        const movable =
          absolute !== null &&
          ins.shell.commands[0] === first &&
          first.separatorAfter === '&&' &&
          next &&
          ins.heredocs.length === 0;
        ctx.report({
          at: first.words[0]?.range ?? first.range,
          messageId: 'useWorkdir',
          // `cd ..` is not a WORKDIR to copy: name the directory it resolves to, or ask for it.
          data: { dir: absolute ?? (dir.startsWith('/') ? dir : '<absolute path>') },
          fix: movable
            ? () => ({
                title: `Use WORKDIR ${absolute} (changes the directory of the instructions after it)`,
                edits: [
                  insertLinesBefore(doc, ins.range.start.line, [`WORKDIR ${absolute}`]),
                  replace(doc.rangeOf(first.start, next.start), ''),
                ],
              })
            : undefined,
        });
      }
  },
});

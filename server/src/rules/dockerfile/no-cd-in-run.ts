import { defineRule } from '../../core/rule';
import { argsOf, type DockerfileModel, type ShellCommand } from '../../languages/dockerfile';

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

export default defineRule<DockerfileModel>({
  id: 'dockerfile/no-cd-in-run',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  aliases: ['hadolint:DL3003', 'trivy:DS013'],
  fix: null,
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
      'the first top-level `cd` of a RUN is reported. This is a readability rule, reported as information.',
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
        ctx.report({
          at: first.words[0]?.range ?? first.range,
          messageId: 'useWorkdir',
          data: { dir: dir && dir !== '-' ? dir : '<dir>' },
        });
      }
  },
});

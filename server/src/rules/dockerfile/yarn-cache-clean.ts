import { defineRule } from '../../core/rule';
import type { DockerfileModel, ShellCommand } from '../../languages/dockerfile';
import { mountsOver, runsOf, shippedStages, subcommandIn } from '../../languages/dockerfile/runs';
import { argsOf } from '../../languages/dockerfile/shell';
import { appendCommand } from '../../fixes/packages';

const YARN_CACHES = [
  '/usr/local/share/.cache/yarn',
  '/root/.cache/yarn',
  '/home/node/.cache/yarn',
  '/root/.yarn/berry/cache',
];

const YARN_VALUE_FLAGS = new Set(['--cwd', '--cache-folder', '--modules-folder', '--network-timeout']);

/** The subcommand of a `yarn` command: `''` for a bare `yarn` (an install), undefined for other programs. */
function yarnSub(cmd: ShellCommand): string | undefined {
  if (cmd.name !== 'yarn') return undefined;
  if (argsOf(cmd).some((w) => /^(?:-v|--version|-h|--help)$/.test(w.value))) return undefined;
  return subcommandIn(argsOf(cmd), YARN_VALUE_FLAGS)?.word.value ?? '';
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/yarn-cache-clean',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3060'],
  fix: 'safe',
  messages: {
    cache:
      '`yarn install` keeps a copy of every package in its cache, which stays in the layer: end the RUN with `yarn cache clean`.',
  },
  docs: {
    summary: '`yarn install` in a shipped stage should be followed by `yarn cache clean` in the same RUN.',
    rationale:
      'Yarn stores every downloaded package in its global cache as well as in node_modules, often doubling the ' +
      'size of the layer. The rule stays quiet when a later command of the RUN runs `yarn cache clean`, when ' +
      '`--cache-folder` points elsewhere, or when the RUN mounts a cache or tmpfs over yarn’s cache directory. ' +
      'Unlike hadolint, only the stages that ship are checked: a builder stage that runs `yarn install` and ' +
      '`yarn build` is thrown away. A bare `yarn` is `yarn install`. The fix appends `yarn cache clean`.',
    bad: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile --production\n',
    good: 'FROM node:20-slim\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install --frozen-lockfile --production && yarn cache clean\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of shippedStages(model))
      for (const run of runsOf(model, stage)) {
        if (mountsOver(run.ins, YARN_CACHES, ['cache', 'tmpfs'])) continue;
        const cmds = run.script.commands;
        let cleaned = -1;
        cmds.forEach((c, i) => {
          if (yarnSub(c) === 'cache' && argsOf(c).some((w) => w.value === 'clean')) cleaned = i;
        });
        cmds.forEach((cmd, i) => {
          const sub = yarnSub(cmd);
          if ((sub !== 'install' && sub !== 'add' && sub !== '') || cleaned > i) return;
          if (argsOf(cmd).some((w) => w.value.startsWith('--cache-folder'))) return;
          ctx.report({
            at: doc.rangeOf(cmd.words[cmd.nameIndex]?.start ?? cmd.start, cmd.end),
            messageId: 'cache',
            fix: () => {
              const edit = appendCommand(doc, run, 'yarn cache clean');
              return edit && { title: 'Append yarn cache clean', edits: [edit] };
            },
          });
        });
      }
  },
});

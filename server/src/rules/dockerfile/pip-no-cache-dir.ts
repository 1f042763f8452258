import { defineRule } from '../../core/rule';
import { scopeAt, type DockerfileModel } from '../../languages/dockerfile';
import {
  callRange,
  expandedArgs,
  mountsOf,
  pipCall,
  runsOf,
  shippedStages,
  configuredBefore,
} from '../../languages/dockerfile/runs';
import { insertAfterWord } from '../../fixes/packages';

/** `--no-cache-dir`, or one of the abbreviations pip's option parser accepts for it. */
const NO_CACHE_FLAG = /^--no-cache(?:-d(?:ir?)?)?(?:=.*)?$/;
const ENV_NAME = 'PIP_NO_CACHE_DIR';
/** `pip config set global.no-cache-dir …`, or `no-cache-dir = …` written to a pip.conf. */
const CONFIG = /global\.no-cache-dir|(?:^|[\s'"]|\\n)no-cache-dir\s*=/m;
/** Directories where pip keeps its cache: `~/.cache/pip`, or the whole `~/.cache`. */
const CACHE_TARGET = /(?:^|\/)\.cache(?:\/pip)?$/;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/pip-no-cache-dir',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3042'],
  fix: 'safe',
  messages: {
    cacheKept:
      '`{tool} install` without `--no-cache-dir` keeps every downloaded and built wheel in the pip cache, which then ships in the image layer.',
  },
  docs: {
    summary: '`pip install` should use `--no-cache-dir` in the stages that ship.',
    rationale:
      'pip caches every wheel it downloads or builds under ~/.cache/pip. In an image nothing reuses that ' +
      'cache, yet it stays in the layer and can be as large as the installed packages themselves (hundreds of ' +
      'megabytes for packages such as torch). The rule checks `pip`, `pip3` and `python -m pip` installs in the ' +
      'final stage and the stages it is built FROM; builder stages are thrown away and are not checked. It ' +
      'stays quiet when `PIP_NO_CACHE_DIR` is set by ENV (in the stage or the stages it builds on), ARG, ' +
      '`export` or on the command line (any value counts: pip reads the variable with inverted, historically ' +
      'confusing semantics, and setting it at all shows the cache was considered), when `pip config` or a ' +
      'pip.conf sets `no-cache-dir`, and when the RUN mounts a cache or tmpfs over ~/.cache/pip. Exec-form (JSON) RUN ' +
      'instructions are not checked.',
    bad: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n',
    good: 'FROM python:3.12-slim\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of shippedStages(model))
      for (const run of runsOf(model, stage)) {
        const cmds = run.script.commands;
        let scope: ReturnType<typeof scopeAt> | undefined;
        let firstSet: number | undefined;
        cmds.forEach((cmd, i) => {
          const call = pipCall(cmd);
          if (!call || call.subcommand.value !== 'install') return;
          const args = expandedArgs(model, run.ins, call.args);
          if (!args || args.some((w) => NO_CACHE_FLAG.test(w.value))) return;
          const setsEnv = (words: { value: string }[]): boolean =>
            words.some((w) => w.value.startsWith(`${ENV_NAME}=`));
          if (setsEnv(cmd.words.slice(0, cmd.nameIndex))) return;
          // The first command that sets it, found once rather than by scanning the earlier commands each time.
          firstSet ??= cmds.findIndex((c) => setsEnv(c.words));
          if (firstSet >= 0 && firstSet < i) return;
          scope ??= scopeAt(model, run.ins);
          if (scope.has(ENV_NAME)) return;
          // Property values keep their quotes in the model (`ENV PIP_CACHE_DIR="/cache"`).
          const cacheDir = scope
            .get('PIP_CACHE_DIR')
            ?.replace(/^["']|["']$/g, '')
            .replace(/(?<!\/)\/+$/, '');
          if (
            mountsOf(run.ins).some(
              (m) =>
                (m.type === 'cache' || m.type === 'tmpfs') &&
                m.target !== null &&
                (CACHE_TARGET.test(m.target) || m.target === cacheDir),
            )
          )
            return;
          if (configuredBefore(model, run.ins, cmd.start, CONFIG)) return;
          const sub = call.subcommand;
          ctx.report({
            at: callRange(doc, call),
            messageId: 'cacheKept',
            data: { tool: call.label },
            fix: () => ({
              title: 'Add --no-cache-dir',
              edits: [insertAfterWord(doc, sub, ' --no-cache-dir')],
            }),
          });
        });
      }
  },
});

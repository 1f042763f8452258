import { defineRule } from '../../core/rule';
import type { DockerfileModel, ShellScript } from '../../languages/dockerfile';
import { jsonString, replace } from '../../fixes/text';

/** Shell syntax that exec form would not interpret; converting such a command would change it. */
const SHELL_FEATURES = /[$`|&;<>(){}*?~]|\\|^\s*[A-Za-z_][A-Za-z0-9_]*=/;

function convertible(script: ShellScript): boolean {
  if (script.commands.length !== 1) return false;
  const cmd = script.commands[0];
  if (!cmd || cmd.nameIndex !== 0) return false;
  return cmd.words.every((w) => !SHELL_FEATURES.test(w.value));
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/json-args',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3025', 'buildkit:JSONArgsRecommended'],
  fix: 'safe',
  messages: {
    shellForm:
      '{keyword} in shell form runs under /bin/sh -c, which does not forward SIGTERM to the process: use the JSON (exec) form.',
  },
  docs: {
    summary: 'CMD and ENTRYPOINT should use the JSON (exec) form.',
    rationale:
      "In shell form the container's PID 1 is `/bin/sh -c`, which does not pass signals on, so `docker stop` waits " +
      'for its timeout and then kills the process without a graceful shutdown. The exec form runs the program as ' +
      'PID 1. The fix is offered only when the command uses no shell features (variables, pipes, globs, `&&`), ' +
      'where exec form behaves the same; commands that need a shell are reported without a fix.',
    bad: 'FROM python:3.12-slim\nCMD gunicorn config.wsgi:application --bind 0.0.0.0:8000\n',
    good: 'FROM python:3.12-slim\nCMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]\n',
  },
  check(ctx) {
    for (const stage of ctx.model.stages)
      for (const ins of stage.instructions) {
        if (
          (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') ||
          ins.json ||
          !ins.shell ||
          !ins.argsRange
        )
          continue;
        const script = ins.shell;
        const argsRange = ins.argsRange;
        ctx.report({
          at: argsRange,
          messageId: 'shellForm',
          data: { keyword: ins.keyword },
          fix: convertible(script)
            ? () => ({
                title: `Convert ${ins.keyword} to JSON form`,
                edits: [
                  replace(
                    argsRange,
                    `[${(script.commands[0]?.words ?? []).map((w) => jsonString(w.value)).join(', ')}]`,
                  ),
                ],
              })
            : undefined,
        });
      }
  },
});

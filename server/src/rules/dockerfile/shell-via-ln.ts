import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { runsOf } from '../../languages/dockerfile/runs';
import { argsOf } from '../../languages/dockerfile/shell';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/shell-via-ln',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL4005'],
  fix: null,
  messages: {
    ln: 'Replacing /bin/sh with a link changes the shell of every script in the image, not only of RUN: use `SHELL ["{target}", "-c"]` to change the shell RUN uses.',
  },
  docs: {
    summary: 'Change the shell RUN uses with SHELL, not by linking /bin/sh.',
    rationale:
      '`ln -sf /bin/bash /bin/sh` makes every `#!/bin/sh` script of the image, including package maintainer ' +
      'scripts and the entrypoints of other tools, run under another shell, and a package upgrade can put ' +
      'dash back. The SHELL instruction changes only what RUN, CMD and ENTRYPOINT in shell form use. Only ' +
      '`ln` commands whose last argument is /bin/sh are reported.',
    bad: 'FROM debian:12-slim\nRUN ln -sf /bin/bash /bin/sh\nRUN source /etc/profile\n',
    good: 'FROM debian:12-slim\nSHELL ["/bin/bash", "-c"]\nRUN source /etc/profile\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          if (cmd.name !== 'ln') continue;
          const ops = argsOf(cmd).filter((w) => !w.value.startsWith('-'));
          const last = ops[ops.length - 1];
          if (ops.length < 2 || last?.value !== '/bin/sh') continue;
          ctx.report({ at: cmd.range, messageId: 'ln', data: { target: ops[0]?.value ?? '/bin/bash' } });
        }
  },
});

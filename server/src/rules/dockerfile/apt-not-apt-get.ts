import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { aptCall, callRange, runsOf } from '../../languages/dockerfile/runs';
import { replace } from '../../fixes/text';

/** Subcommands that mean the same to apt-get (or apt-cache) as to apt. `apt upgrade` does not: it also installs new dependencies. */
const SAME: Record<string, string> = {
  install: 'apt-get',
  update: 'apt-get',
  remove: 'apt-get',
  purge: 'apt-get',
  autoremove: 'apt-get',
  clean: 'apt-get',
  autoclean: 'apt-get',
  'build-dep': 'apt-get',
  source: 'apt-get',
  download: 'apt-get',
  'full-upgrade': '',
  'dist-upgrade': 'apt-get',
  show: 'apt-cache',
  search: 'apt-cache',
  policy: 'apt-cache',
  depends: 'apt-cache',
  rdepends: 'apt-cache',
};

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apt-not-apt-get',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3027'],
  fix: 'safe',
  messages: {
    apt: '`apt` is meant for people at a terminal and warns that its interface may change: use `{tool}` in scripts.',
  },
  docs: {
    summary: 'Scripts should use apt-get and apt-cache rather than apt.',
    rationale:
      'apt prints "WARNING: apt does not have a stable CLI interface. Use with caution in scripts.", and its ' +
      'defaults follow interactive use (progress bars, different upgrade behaviour). apt-get and apt-cache keep ' +
      'a stable interface. The fix replaces `apt` with `apt-get` (or `apt-cache` for show, search, policy and ' +
      'depends) where the subcommand means the same; `apt upgrade`, `apt full-upgrade` and `apt list` differ and ' +
      'get no fix.',
    bad: 'FROM debian:12-slim\nRUN apt update && apt install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    good: 'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of model.stages)
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          const call = aptCall(cmd);
          if (!call || cmd.name !== 'apt') continue;
          const tool = SAME[call.subcommand.value] || null;
          const program = call.program;
          const slash = program.value.lastIndexOf('/');
          ctx.report({
            at: callRange(doc, call),
            messageId: 'apt',
            data: { tool: tool ?? 'apt-get' },
            fix: tool
              ? () => ({
                  title: `Use ${tool}`,
                  edits: [replace(doc.rangeOf(program.start + slash + 1, program.end), tool)],
                })
              : undefined,
          });
        }
  },
});

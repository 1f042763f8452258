import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import {
  aptCall,
  callRange,
  expandedArgs,
  flagIn,
  runsOf,
  shippedStages,
  configuredBefore,
} from '../../languages/dockerfile/runs';
import { insertAfterWord } from '../../fixes/packages';

/** An APT configuration that turns recommended packages off, in apt.conf or `-o` syntax. */
const NO_RECOMMENDS_CONFIG = /APT::Install-Recommends[\\"'\s=]*(?:false|0|no|off)\b/i;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apt-no-install-recommends',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3015', 'trivy:DS029'],
  fix: 'unsafe',
  messages: {
    recommends:
      '`{tool} install` without `--no-install-recommends` also installs every recommended package, which the image rarely needs and which makes it larger.',
  },
  docs: {
    summary: '`apt-get install` should use `--no-install-recommends` in the stages that ship.',
    rationale:
      'By default apt installs the packages each requested package recommends, often tens of megabytes of ' +
      'documentation helpers, daemons and libraries the container never uses, and more software to patch. The ' +
      'severity is info and the fix is marked as changing behaviour because some software depends on a ' +
      'recommendation: `curl` recommends `ca-certificates`, without which HTTPS downloads fail, so such packages ' +
      'must then be listed explicitly. The rule checks `apt-get install` and `apt install` only in the final ' +
      'stage and the stages it is built FROM (builder stages are thrown away), and stays quiet when ' +
      '`APT::Install-Recommends` is turned off with `-o` or in an apt.conf file written earlier. Exec-form ' +
      '(JSON) RUN instructions are not checked.',
    bad:
      'FROM debian:bookworm-slim\n' +
      'RUN apt-get update && apt-get install -y python3 \\\n    && rm -rf /var/lib/apt/lists/*\n',
    good:
      'FROM debian:bookworm-slim\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends python3 \\\n' +
      '    && rm -rf /var/lib/apt/lists/*\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of shippedStages(model))
      for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          const call = aptCall(cmd);
          if (!call || call.subcommand.value !== 'install') continue;
          const args = expandedArgs(model, run.ins, call.args);
          // aptitude spells it `-R` / `--without-recommends`.
          const aptitude = call.label === 'aptitude';
          const flag = aptitude ? '--without-recommends' : '--no-install-recommends';
          if (!args || flagIn(args, '--no-install-recommends') || (aptitude && flagIn(args, '-R', flag)))
            continue;
          if (args.some((w) => /^--install-recommends=(?:false|no|0|off)$/i.test(w.value))) continue;
          if (configuredBefore(model, run.ins, cmd.end, NO_RECOMMENDS_CONFIG)) continue;
          const sub = call.subcommand;
          ctx.report({
            at: callRange(doc, call),
            messageId: 'recommends',
            data: { tool: call.label },
            fix: () => ({
              title: `Add ${flag} (changes behaviour: recommended packages are no longer installed)`,
              edits: [insertAfterWord(doc, sub, ` ${flag}`)],
            }),
          });
        }
  },
});

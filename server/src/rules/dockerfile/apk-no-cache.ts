import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import {
  apkCall,
  callRange,
  expandedArgs,
  flagIn,
  mountsOver,
  removesPath,
  runsOf,
  shippedStages,
} from '../../languages/dockerfile/runs';
import { insertAfterWord } from '../../fixes/packages';

const APK_CACHE = '/var/cache/apk';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apk-no-cache',
  language: 'dockerfile',
  severity: 'info',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3019', 'trivy:DS025'],
  fix: 'safe',
  messages: {
    cacheKept:
      '`apk add` without `--no-cache` leaves the package index it downloads in /var/cache/apk, where it stays in the image layer.',
  },
  docs: {
    summary: '`apk add` should use `--no-cache` in the stages that ship.',
    rationale:
      'Without `--no-cache`, apk keeps the repository indexes it fetched under /var/cache/apk, a few megabytes ' +
      'in every layer that installs packages; `--no-cache` fetches them to memory and leaves nothing behind, ' +
      'with no need for `apk update` or a later `rm -rf /var/cache/apk/*`. The severity is info because the ' +
      'waste is small next to the rest of an image. Only the final stage and the stages it is built FROM are ' +
      'checked, since builder stages are thrown away. The rule stays quiet when the same RUN removes ' +
      '/var/cache/apk after the install or mounts a cache or tmpfs over /var/cache/apk or /etc/apk/cache. Exec-form ' +
      '(JSON) RUN instructions are not checked.',
    bad: 'FROM alpine:3.20\nRUN apk add curl\n',
    good: 'FROM alpine:3.20\nRUN apk add --no-cache curl\n',
  },
  check(ctx) {
    const { model, doc } = ctx;
    for (const stage of shippedStages(model))
      for (const run of runsOf(model, stage)) {
        if (mountsOver(run.ins, [APK_CACHE, '/etc/apk/cache'], ['cache', 'tmpfs'])) continue;
        const cmds = run.script.commands;
        // The last command that clears the cache, found once: asking it of the commands after each
        // `apk add` would be quadratic in a long script.
        let cleared = -1;
        cmds.forEach((c, i) => {
          if (removesPath([c], APK_CACHE)) cleared = i;
        });
        cmds.forEach((cmd, i) => {
          const call = apkCall(cmd);
          if (!call || call.subcommand.value !== 'add') return;
          const args = expandedArgs(model, run.ins, call.args);
          if (!args || flagIn(args, '--no-cache')) return;
          if (cleared > i) return;
          const sub = call.subcommand;
          ctx.report({
            at: callRange(doc, call),
            messageId: 'cacheKept',
            fix: () => ({ title: 'Add --no-cache', edits: [insertAfterWord(doc, sub, ' --no-cache')] }),
          });
        });
      }
  },
});

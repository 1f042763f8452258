import { defineRule } from '../../core/rule';
import { deleteLines } from '../../fixes/text';
import { instructionsOf, type DockerfileModel } from '../../languages/dockerfile';

const ONCE = ['CMD', 'ENTRYPOINT', 'HEALTHCHECK'] as const;

export default defineRule<DockerfileModel>({
  id: 'dockerfile/multiple-instructions',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: [
    'hadolint:DL4003',
    'hadolint:DL4004',
    'hadolint:DL3012',
    'buildkit:MultipleInstructionsDisallowed',
    'trivy:DS016',
    'trivy:DS007',
    'trivy:DS023',
  ],
  fix: 'safe',
  messages: {
    overridden:
      'This {keyword} has no effect because a later {keyword} in the same stage replaces it: remove it or merge the two.',
  },
  docs: {
    summary: 'A stage should have at most one CMD, one ENTRYPOINT and one HEALTHCHECK.',
    rationale:
      'An image has a single CMD, ENTRYPOINT and HEALTHCHECK: each of these instructions replaces the previous one, ' +
      'so only the last of a stage takes effect and the earlier ones only mislead readers (often they are leftovers ' +
      'of a merge, or an attempt to run two processes). The earlier instructions are reported and the fix deletes ' +
      'them, which leaves the image unchanged. Instructions in different stages, the CMD of a HEALTHCHECK, and one ' +
      'CMD next to one ENTRYPOINT are all fine.',
    bad: 'FROM python:3.12-slim\nCMD ["python", "manage.py", "migrate"]\nCMD ["gunicorn", "app.wsgi"]\n',
    good: 'FROM python:3.12-slim\nCMD ["gunicorn", "app.wsgi"]\n',
  },
  check(ctx) {
    const { doc } = ctx;
    for (const stage of ctx.model.stages)
      for (const keyword of ONCE) {
        const all = instructionsOf(stage, keyword);
        for (const ins of all.slice(0, -1))
          ctx.report({
            at: ins.keywordRange,
            messageId: 'overridden',
            data: { keyword },
            fix: () => ({
              title: `Remove the overridden ${keyword}`,
              edits: [deleteLines(doc, ins.range.start.line, ins.range.end.line)],
            }),
          });
      }
  },
});

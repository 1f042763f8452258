import { defineRule } from '../../core/rule';
import type { DockerfileModel } from '../../languages/dockerfile';
import { runsOf } from '../../languages/dockerfile/runs';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/wget-and-curl',
  language: 'dockerfile',
  severity: 'info',
  recommended: false,
  aliases: ['hadolint:DL4001'],
  fix: null,
  messages: {
    both: 'This stage already downloads with `{first}`; using `{second}` too means two HTTP clients to install and keep patched.',
  },
  docs: {
    summary: 'A stage should download with either wget or curl, not both.',
    rationale:
      'Each client is a package (and its TLS libraries) to install, scan and update; one is enough for a stage. ' +
      'The finding is on the first use of the second tool in a stage; each stage is judged on its own RUNs, since ' +
      'builder stages are often different images. The severity is info: it is a matter of tidiness.',
    bad: 'FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN wget -q https://example.com/b.tar.gz\n',
    good: 'FROM debian:12-slim\nRUN curl -fsSLO https://example.com/a.tar.gz\nRUN curl -fsSLO https://example.com/b.tar.gz\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      let first: string | null = null;
      outer: for (const run of runsOf(model, stage))
        for (const cmd of run.script.commands) {
          if (cmd.name !== 'curl' && cmd.name !== 'wget') continue;
          if (first === null) first = cmd.name;
          else if (cmd.name !== first) {
            const word = cmd.words[cmd.nameIndex];
            if (word) ctx.report({ at: word.range, messageId: 'both', data: { first, second: cmd.name } });
            break outer;
          }
        }
    }
  },
});

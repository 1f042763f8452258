import { defineRule } from '../../core/rule';
import { resolveAt, type DockerfileModel } from '../../languages/dockerfile';

/** The container port part of an EXPOSE word: `8080`, `8000-8010/udp`, or the last part of `ip:host:port`. */
function portProblem(word: string): string | null {
  const spec = word.split('/')[0] ?? '';
  const port = spec.slice(spec.lastIndexOf(':') + 1);
  const m = /^(\d+)(?:-(\d+))?$/.exec(port);
  if (!m) return null;
  const start = Number(m[1]);
  const end = m[2] === undefined ? start : Number(m[2]);
  if (start > 65535 || end > 65535) return `${start > 65535 ? start : end} is above 65535`;
  if (end < start) return `the range ${port} ends before it starts`;
  return null;
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/expose-port-range',
  language: 'dockerfile',
  severity: 'error',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3011'],
  fix: null,
  messages: {
    range: 'EXPOSE {port} fails the build: {problem} (ports run from 0 to 65535).',
  },
  docs: {
    summary: 'EXPOSE ports must lie between 0 and 65535, and a range must not run backwards.',
    rationale:
      'BuildKit parses EXPOSE with go-connections’ ParsePortSpecs, which reads each port as a 16-bit number ' +
      'and rejects a range whose end is below its start, so `docker build` stops at such a line. Variables are ' +
      'substituted from ARG and ENV first; a word with a variable of unknown value, or that is not a port at all ' +
      '(reported by the EXPOSE format check), is left alone.',
    bad: 'FROM nginx:1.27\nEXPOSE 80800\n',
    good: 'FROM nginx:1.27\nEXPOSE 8080\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const ins of model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const a of ins.args) {
        const value = resolveAt(model, ins, a.value);
        const problem = value === null ? null : portProblem(value);
        if (problem) ctx.report({ at: a.range, messageId: 'range', data: { port: a.value, problem } });
      }
    }
  },
});

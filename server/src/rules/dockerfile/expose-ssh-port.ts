import { defineRule } from '../../core/rule';
import { resolveAt, type DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/expose-ssh-port',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['checkov:CKV_DOCKER_1', 'trivy:DS004'],
  fix: null,
  messages: {
    ssh: 'EXPOSE {port} announces an SSH server in the container: use `docker exec` or `kubectl exec` to get a shell instead.',
  },
  docs: {
    summary: 'Do not expose port 22 (SSH) from an image.',
    rationale:
      'A container is managed with `docker exec`, `kubectl exec` and logs; an SSH daemon in it adds keys or ' +
      'passwords to the image, another process to patch, and a port that scanners and attackers try first. ' +
      'EXPOSE 22 is the sign of one. Ports written with ARGs are resolved with their defaults. No fix: the ' +
      'SSH server itself has to go, not just the line.',
    bad: 'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends openssh-server\nEXPOSE 22\n',
    good: 'FROM debian:12\nEXPOSE 8080\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const ins of model.instructions) {
      if (ins.keyword !== 'EXPOSE') continue;
      for (const word of ins.args) {
        const value = resolveAt(model, ins, word.value);
        if (value !== null && /^22(?:\/(?:tcp|udp))?$/i.test(value))
          ctx.report({ at: word.range, messageId: 'ssh', data: { port: word.value } });
      }
    }
  },
});

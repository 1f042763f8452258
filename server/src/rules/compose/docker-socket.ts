import { defineRule } from '../../core/rule';
import { entryAt, rangeOf, resolved, volumesOf, type ComposeModel } from '../../languages/compose';
import { deleteLines } from '../../fixes/text';
import { contentEnd, isScalar, isSeq } from '../../languages/yaml/model';
import { trimEndChars } from '../../core/strings';

const SOCKET = /(^|\/)(docker|podman)\.sock$/;

export default defineRule<ComposeModel>({
  id: 'compose/docker-socket',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['kics:docker_socket_mounted_in_container'],
  fix: 'unsafe',
  messages: {
    socket:
      'Service `{name}` mounts the Docker socket: whoever controls this container controls the Docker daemon, and through it the host.',
  },
  docs: {
    summary: 'Do not mount the Docker socket into a service.',
    rationale:
      'The Docker API is root on the host: a container that can reach `/var/run/docker.sock` can start a ' +
      'privileged container that mounts `/`. A read-only mount (`:ro`) does not help, since it only stops the ' +
      'socket file from being replaced, not the API from being used. Bind mounts of `docker.sock` or `podman.sock` ' +
      'are reported, in short and long syntax. Tools that need the API (reverse proxies reading labels, CI ' +
      'runners) are better served by a socket proxy that allows only the calls they make; where the mount is ' +
      'intended, silence the rule with a reason. The fix removes the mount, which breaks such tools, so it says ' +
      'it changes behaviour.',
    bad: 'services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n',
    good: 'services:\n  proxy:\n    image: traefik:v3.1\n    volumes:\n      - ./traefik.yml:/etc/traefik/traefik.yml:ro\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services) {
      const volumes = s.get('volumes');
      for (const v of volumesOf(m, s)) {
        if (!v.source || seen.has(v.node)) continue;
        const source = isScalar(v.node)
          ? v.source
          : (resolved(m, entryAt(v.node, 'source')?.value)?.value ?? v.source);
        if (!SOCKET.test(trimEndChars(source, '/'))) continue;
        seen.add(v.node);
        const seq = volumes?.value;
        const removable = !!volumes && !volumes.merged && isSeq(seq) && !seq.flow && v.node.range;
        ctx.report({
          at: rangeOf(m, v.node),
          messageId: 'socket',
          data: { name: s.name },
          fix: removable
            ? () => {
                const r = v.node.range as [number, number, number];
                const first = m.doc.positionAt(r[0]).line;
                const last = m.doc.positionAt(contentEnd(v.node)).line;
                // The only item: the key would be left empty, which Compose rejects; remove them together.
                if (isSeq(seq) && seq.items.length === 1 && volumes.keyNode.range) {
                  const keyLine = m.doc.positionAt(volumes.keyNode.range[0]).line;
                  return {
                    title: 'Remove the Docker socket mount (changes behaviour)',
                    edits: [deleteLines(m.doc, keyLine, last)],
                  };
                }
                return {
                  title: 'Remove the Docker socket mount (changes behaviour)',
                  edits: [deleteLines(m.doc, first, last)],
                };
              }
            : undefined,
        });
      }
    }
  },
});

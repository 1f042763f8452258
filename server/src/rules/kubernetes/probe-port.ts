import { defineRule } from '../../core/rule';
import { setScalar } from '../../fixes/kubernetes';
import {
  containerLabel,
  containerPorts,
  get,
  mapAt,
  num,
  rangeOf,
  stable,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** kube-linter's check for each probe; it reads app containers only, so sidecars' findings answer to none. */
const KUBE_LINTER = {
  livenessProbe: 'kube-linter:liveness-port',
  readinessProbe: 'kube-linter:readiness-port',
  startupProbe: 'kube-linter:startup-port',
} as const;

export default defineRule<KubernetesModel>({
  id: 'kubernetes/probe-port',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:liveness-port', 'kube-linter:readiness-port', 'kube-linter:startup-port'],
  fix: 'unsafe',
  messages: {
    unknownName:
      '{probe} uses port "{port}", which {container} does not declare: the probe can never succeed and the container is restarted (or never ready).',
    undeclared: '{probe} checks port {port}, but {container} declares {declared}: is it the right port?',
  },
  docs: {
    summary: 'A probe should check a port the container declares.',
    rationale:
      "A probe that names a port (`port: http`) is resolved against the container's own `ports`; when no port has " +
      'that name the kubelet cannot run it, the probe fails forever, and a liveness probe restarts the container ' +
      'in a loop. That is a warning. A numeric probe port that the container does not declare while it declares ' +
      'others is usually a copy-paste from another service; since a container may listen on ports it does not ' +
      'declare, that is only info. A container that declares no ports is checked for port names alone (kube-linter ' +
      'also reports its numeric probe ports). The fix points the probe ' +
      "at the container's only declared port.",
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - name: web\n      containerPort: 8080\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: http\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    ports:\n    - name: http\n      containerPort: 8080\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: http\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const ports = containerPorts(c);
        // A kustomize patch may list some ports and leave the others to the object it patches.
        if (w.manifest.partial) continue;
        for (const probe of PROBES)
          for (const handler of ['httpGet', 'tcpSocket', 'grpc']) {
            const entry = get(mapAt(c.node, probe, handler), 'port');
            if (!entry?.value) continue;
            const n = num(entry.value);
            const name = n === undefined ? str(entry.value) : undefined;
            const only = ports.length === 1 ? ports[0] : undefined;
            const replacement = only
              ? name !== undefined
                ? (only.name ?? only.number)
                : only.number
              : undefined;
            const node = entry.value;
            const fix =
              replacement === undefined
                ? undefined
                : stable(w.manifest.document, () => {
                    const edit = setScalar(ctx.doc, node, replacement);
                    return edit
                      ? { title: `Probe port ${replacement} (changes behaviour)`, edits: [edit] }
                      : undefined;
                  });
            const aliases = c.kind === 'container' ? [KUBE_LINTER[probe]] : [];
            if (name !== undefined && !/^\d+$/.test(name)) {
              if (ports.some((p) => p.name === name)) continue;
              ctx.report({
                at: rangeOf(ctx.doc, entry),
                messageId: 'unknownName',
                data: { probe, port: name, container: containerLabel(c) },
                aliases,
                fix,
              });
            } else if (n !== undefined && ports.length > 0 && !ports.some((p) => p.number === n)) {
              const declared = ports.map((p) => p.number ?? p.name).join(', ');
              ctx.report({
                at: rangeOf(ctx.doc, entry),
                messageId: 'undeclared',
                severity: 'info',
                data: { probe, port: n, container: containerLabel(c), declared: `only ${declared}` },
                aliases,
                fix,
              });
            }
          }
      }
  },
});

import { defineRule } from '../../core/rule';
import { addToMap, styleOf, yamlLines, type YValue } from '../../fixes/kubernetes';
import {
  containerLabel,
  get,
  hasKeyLoosely,
  keyRange,
  mapAt,
  num,
  stable,
  str,
  type KubernetesModel,
  runsToCompletion,
} from '../../languages/kubernetes';

/** A liveness delay this long says the app starts slowly (30 to 40 s is typical of slow starters). */
const SLOW_START_SECONDS = 30;
/** The start-up budget the fix writes: 60 s, checked every 10 s. */
const STARTUP = { periodSeconds: 10, failureThreshold: 6 } as const;

export default defineRule<KubernetesModel>({
  id: 'kubernetes/missing-startup-probe',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  aliases: [],
  fix: 'unsafe',
  messages: {
    slowStart:
      '{container} waits {delay} s before its first liveness check to cover start-up: a startupProbe gives a slow start up to 60 s, then liveness checks from the first second.',
  },
  docs: {
    summary: 'A slow-starting container should use a startup probe rather than a long liveness delay.',
    rationale:
      'A long `initialDelaySeconds` on the liveness probe is a guess: too short and a slow start (migrations, a ' +
      'cold cache) gets the container killed in a restart loop; too long and every real hang after a restart ' +
      'goes unnoticed for that long. A startup probe holds the liveness probe until the app answers once, up to ' +
      'its own budget, for example 60 s for initialization. Reported, as info, for long-running containers whose liveness delay is 30 s or more and ' +
      "that have no startup probe. The fix adds a startup probe with the liveness probe's handler, every 10 s up " +
      'to 6 times.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      initialDelaySeconds: 40\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    startupProbe:\n      httpGet:\n        path: /health\n        port: 8080\n      periodSeconds: 10\n      failureThreshold: 6\n    livenessProbe:\n      httpGet:\n        path: /health\n        port: 8080\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    for (const w of ctx.model.workloads) {
      // A kustomize patch may change the delay of an object whose startup probe it does not repeat.
      if (runsToCompletion(w) || w.manifest.partial) continue;
      for (const c of w.containers) {
        if (c.kind !== 'container' || hasKeyLoosely(c.node, 'startupProbe')) continue;
        const liveness = get(c.node, 'livenessProbe');
        const probe = mapAt(c.node, 'livenessProbe');
        const delay = num(get(probe, 'initialDelaySeconds')?.value);
        if (!liveness || delay === undefined || delay < SLOW_START_SECONDS) continue;
        ctx.report({
          at: keyRange(doc, liveness),
          messageId: 'slowStart',
          data: { container: containerLabel(c), delay },
          fix: stable(w.manifest.document, () => {
            const handler = handlerOf(probe);
            if (!handler) return undefined;
            const edit = addToMap(
              doc,
              c.node,
              yamlLines({ startupProbe: { ...handler, ...STARTUP } }, styleOf(doc)),
            );
            return edit ? { title: 'Add a startup probe (changes behaviour)', edits: [edit] } : undefined;
          }),
        });
      }
    }
  },
});

/** The liveness probe's handler, when it is one of the simple shapes (httpGet, tcpSocket, grpc). */
function handlerOf(probe: ReturnType<typeof mapAt>): Record<string, YValue> | undefined {
  const http = mapAt(probe, 'httpGet');
  const port = (m: typeof http) => num(get(m, 'port')?.value) ?? str(get(m, 'port')?.value);
  if (http) {
    const p = port(http);
    if (p === undefined || get(http, 'httpHeaders')) return undefined;
    const out: Record<string, YValue> = {};
    const path = str(get(http, 'path')?.value);
    if (path) out.path = path;
    out.port = p;
    const scheme = str(get(http, 'scheme')?.value);
    if (scheme) out.scheme = scheme;
    return { httpGet: out };
  }
  const tcp = mapAt(probe, 'tcpSocket');
  if (tcp) {
    const p = port(tcp);
    return p === undefined ? undefined : { tcpSocket: { port: p } };
  }
  const grpc = mapAt(probe, 'grpc');
  if (grpc) {
    const p = num(get(grpc, 'port')?.value);
    return p === undefined ? undefined : { grpc: { port: p } };
  }
  return undefined;
}

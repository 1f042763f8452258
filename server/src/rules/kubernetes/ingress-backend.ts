import { defineRule } from '../../core/rule';
import {
  entryAt,
  get,
  items,
  lookup,
  mapAt,
  num,
  rangeOf,
  stable,
  str,
  workspaceView,
  type Entry,
  type KubernetesModel,
  type Node,
} from '../../languages/kubernetes';
import { didYouMean } from '../../schema/kubernetes';

interface Backend {
  service: Entry;
  port: Entry | undefined;
}

/** The Service backends of an Ingress: `networking.k8s.io/v1` (`service.name`) and v1beta1 (`serviceName`). */
function backends(root: Node): Backend[] {
  const spec = mapAt(root, 'spec');
  const all = [
    get(spec, 'defaultBackend')?.value,
    get(spec, 'backend')?.value,
    ...items(get(spec, 'rules')?.value).flatMap((r) =>
      items(entryAt(r, 'http', 'paths')?.value).map((p) => get(p, 'backend')?.value),
    ),
  ];
  const out: Backend[] = [];
  for (const b of all) {
    const v1 = entryAt(b, 'service', 'name');
    if (v1)
      out.push({
        service: v1,
        port: get(mapAt(b, 'service', 'port'), 'number') ?? get(mapAt(b, 'service', 'port'), 'name'),
      });
    const beta = get(b, 'serviceName');
    if (beta) out.push({ service: beta, port: get(b, 'servicePort') });
  }
  return out;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/ingress-backend',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:dangling-ingress'],
  fix: 'unsafe',
  messages: {
    service:
      'Ingress {ingress} sends traffic to Service {service}, which is not in its namespace in this application: those requests get 503.{hint}',
    port: 'Ingress {ingress} sends traffic to port {port} of Service {service}, which has only {ports}: those requests get 503.',
  },
  docs: {
    summary: "An Ingress's backends should name a Service that exists, and one of its ports.",
    rationale:
      "An Ingress backend names a Service and a port of that Service (its `port`, not the pods' `targetPort`). A " +
      'misspelt Service or a port the Service does not expose applies cleanly, and the ingress controller answers ' +
      '503 for those paths. Services are looked up in the file and in the workspace files of the same ' +
      "application (the same folder, or one inside the other), only when some Service of the Ingress's namespace " +
      'is known there. The fix renames a backend Service one typo away from an existing one.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 8080\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  rules:\n  - http:\n      paths:\n      - path: /\n        pathType: Prefix\n        backend:\n          service:\n            name: web\n            port:\n              number: 80\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    const view = workspaceView(ctx.model, ctx.host);
    for (const ing of ctx.model.ingresses) {
      if (ing.partial) continue;
      const { found, known, everywhere } = lookup(
        view,
        ing.namespace,
        (o) => o.kind === 'Service' && o.group === '',
      );
      if (!known) continue;
      for (const b of backends(ing.root)) {
        const name = str(b.service.value);
        if (name === undefined) continue;
        const services = everywhere.filter((s) => s.name === name);
        if (services.length === 0) {
          const guess = didYouMean(
            name,
            found.flatMap((s) => (s.name ? [s.name] : [])),
          );
          const value = b.service.value;
          ctx.report({
            at: rangeOf(doc, b.service),
            messageId: 'service',
            data: { ingress: ing.name ?? '', service: name, hint: guess ? ` Did you mean ${guess}?` : '' },
            fix:
              guess && value
                ? stable(ing.document, () => ({
                    title: `Send it to Service ${guess} (changes behaviour)`,
                    edits: [{ range: rangeOf(doc, value), newText: guess }],
                  }))
                : undefined,
          });
          continue;
        }
        if (!b.port || services.some((s) => s.partial)) continue;
        const number = num(b.port.value);
        const portName = number === undefined ? str(b.port.value) : undefined;
        const ports = services.flatMap((s) => s.servicePorts ?? []);
        if (ports.length === 0) continue;
        if (ports.some((p) => (number !== undefined ? p.number === number : p.name === portName))) continue;
        if (number === undefined && portName === undefined) continue;
        ctx.report({
          at: rangeOf(doc, b.port),
          messageId: 'port',
          data: {
            ingress: ing.name ?? '',
            service: name,
            port: number ?? `"${portName ?? ''}"`,
            ports: ports
              .map((p) => (p.name ? `${p.number ?? '?'} (${p.name})` : String(p.number ?? '?')))
              .join(', '),
          },
        });
      }
    }
  },
});

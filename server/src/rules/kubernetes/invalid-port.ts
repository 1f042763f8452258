import { defineRule } from '../../core/rule';
import { replaceNode } from '../../fixes/kubernetes';
import {
  containerLabel,
  entries,
  get,
  isPlaceholder,
  isScalar,
  items,
  num,
  portName,
  portNumber,
  rangeOf,
  stable,
  str,
  dns1123Label,
  type Entry,
  type KubernetesModel,
} from '../../languages/kubernetes';
import { deref } from '../../languages/yaml/model';

const TARGET = ['kube-linter:invalid-target-ports'];

/** A string scalar as written (quoted numbers included), or undefined. */
function text(e: Entry | undefined): string | undefined {
  const v = deref(e?.value);
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/invalid-port',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: TARGET,
  fix: 'safe',
  messages: {
    name: 'The port name "{name}" is rejected by the API server: an IANA service name {why}.',
    serviceName: 'The Service port name "{name}" is rejected by the API server: it {why}.',
    number: 'The {field} {value} is rejected by the API server: it must be between 1 and 65535.',
    duplicateName: 'The port name "{name}" is used twice in {where}: the API server rejects the object.',
    duplicatePort: 'The Service has two ports {port}/{protocol}: the API server rejects the object.',
    unnamed: 'A Service with more than one port must name every port: the API server rejects an unnamed one.',
    quoted:
      'targetPort "{value}" is a string, so the API server reads it as a port name and rejects it (a name needs a letter): write the number unquoted.',
  },
  docs: {
    summary: 'Port names and numbers must be what the API server accepts.',
    rationale:
      'The JSON schema types ports but does not check what `kubectl apply` rejects: a container port name must ' +
      'be an IANA service name (at most 15 lowercase letters, digits and single hyphens, with a letter, not ' +
      'starting or ending with a hyphen) and unique in its container; a Service port name must be a DNS-1123 ' +
      'label, unique, and present on every port when there are several; ports and target ports are 1–65535; ' +
      'two Service ports cannot share a port and protocol; a quoted `targetPort: "8080"` is a port name, and ' +
      'is rejected. Placeholders filled in before apply (`${PORT}`, templates) and kustomize patches (whose ' +
      'ports merge into another object) are not judged for what they might lack. The fix unquotes a numeric ' +
      'targetPort.',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http_port\n    port: 80\n    targetPort: "8080"\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 80\n    targetPort: 8080\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    const number = (e: Entry | undefined, field: string, zeroOk = false): void => {
      const n = num(e?.value);
      if (n === undefined || (zeroOk && n === 0) || !portNumber(n) || !e) return;
      ctx.report({ at: rangeOf(doc, e), messageId: 'number', data: { field, value: n } });
    };
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const seen = new Set<string>();
        for (const p of items(get(c.node, 'ports')?.value)) {
          const nameEntry = get(p, 'name');
          const name = text(nameEntry);
          if (nameEntry && name !== undefined && name !== '' && !isPlaceholder(name)) {
            const why = portName(name);
            if (why)
              ctx.report({
                at: rangeOf(doc, nameEntry),
                messageId: 'name',
                aliases: TARGET,
                data: { name, why },
              });
            else if (seen.has(name) && !w.manifest.partial)
              ctx.report({
                at: rangeOf(doc, nameEntry),
                messageId: 'duplicateName',
                aliases: [],
                data: { name, where: containerLabel(c) },
              });
            seen.add(name);
          }
          number(get(p, 'containerPort'), 'containerPort');
          number(get(p, 'hostPort'), 'hostPort', true);
        }
      }
    for (const m of ctx.model.services) {
      const ports = items(get(get(m.root, 'spec')?.value, 'ports')?.value);
      const names = new Set<string>();
      const pairs = new Set<string>();
      for (const p of ports) {
        const nameEntry = get(p, 'name');
        const name = text(nameEntry);
        if (nameEntry && name && !isPlaceholder(name)) {
          const why = dns1123Label(name);
          if (why)
            ctx.report({
              at: rangeOf(doc, nameEntry),
              messageId: 'serviceName',
              aliases: [],
              data: { name, why },
            });
          else if (names.has(name) && !m.partial)
            ctx.report({
              at: rangeOf(doc, nameEntry),
              messageId: 'duplicateName',
              aliases: [],
              data: { name, where: `Service ${m.name ?? ''}`.trim() },
            });
          names.add(name);
        } else if (!nameEntry && ports.length > 1 && !m.partial)
          ctx.report({
            at: rangeOf(doc, get(p, 'port') ?? entries(p)[0]),
            messageId: 'unnamed',
            aliases: [],
          });
        const portEntry = get(p, 'port');
        number(portEntry, 'port');
        const port = num(portEntry?.value);
        const protocol = str(get(p, 'protocol')?.value) ?? 'TCP';
        if (port !== undefined && !m.partial) {
          if (pairs.has(`${port}/${protocol}`))
            ctx.report({
              at: rangeOf(doc, portEntry),
              messageId: 'duplicatePort',
              aliases: [],
              data: { port, protocol },
            });
          pairs.add(`${port}/${protocol}`);
        }
        const target = get(p, 'targetPort');
        const targetText = text(target);
        if (target && targetText !== undefined && targetText !== '' && !isPlaceholder(targetText)) {
          const value = deref(target.value);
          if (/^\d+$/.test(targetText)) {
            ctx.report({
              at: rangeOf(doc, target),
              messageId: 'quoted',
              aliases: TARGET,
              data: { value: targetText },
              fix: stable(
                m.document,
                () => {
                  const e = value ? replaceNode(doc, value, String(Number(targetText))) : undefined;
                  return e
                    ? { title: `Write targetPort as the number ${Number(targetText)}`, edits: [e] }
                    : undefined;
                },
                true,
              ),
            });
          } else {
            const why = portName(targetText);
            if (why)
              ctx.report({
                at: rangeOf(doc, target),
                messageId: 'name',
                aliases: TARGET,
                data: { name: targetText, why },
              });
          }
        } else number(target, 'targetPort', true);
      }
    }
  },
});

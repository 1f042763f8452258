import { Buffer } from 'node:buffer';
import { defineRule } from '../../core/rule';
import {
  asMap,
  dns1035Label,
  dns1123Label,
  dns1123Subdomain,
  entries,
  get,
  isPlaceholder,
  isScalar,
  labelValue,
  qualifiedName,
  rangeOf,
  type Entry,
  type KubernetesModel,
  type Manifest,
  type YAMLMap,
} from '../../languages/kubernetes';
import { deref } from '../../languages/yaml/model';

type NameCheck = (s: string) => string | undefined;

/**
 * The name each built-in kind's validation applies (pkg/apis/*\/validation): most take a DNS-1123
 * subdomain; Services a DNS-1035 label, Namespaces a DNS-1123 label, CronJobs at most 52 characters
 * (their Jobs get an 11-character suffix). Kinds not listed (RBAC, custom resources) are not judged.
 */
const cronJobName: NameCheck = (s) =>
  s.length > 52 ? 'must be no more than 52 characters' : dns1123Subdomain(s);
const NAMES: Record<string, NameCheck> = {
  'v1/Service': dns1035Label,
  'v1/Namespace': dns1123Label,
  'v1/Pod': dns1123Subdomain,
  'v1/ConfigMap': dns1123Subdomain,
  'v1/Secret': dns1123Subdomain,
  'v1/ServiceAccount': dns1123Subdomain,
  'v1/PersistentVolumeClaim': dns1123Subdomain,
  'v1/ReplicationController': dns1123Subdomain,
  'apps/Deployment': dns1123Subdomain,
  'apps/StatefulSet': dns1123Subdomain,
  'apps/DaemonSet': dns1123Subdomain,
  'apps/ReplicaSet': dns1123Subdomain,
  'batch/Job': dns1123Subdomain,
  'batch/CronJob': cronJobName,
  'networking.k8s.io/Ingress': dns1123Subdomain,
  'networking.k8s.io/NetworkPolicy': dns1123Subdomain,
  'policy/PodDisruptionBudget': dns1123Subdomain,
  'autoscaling/HorizontalPodAutoscaler': dns1123Subdomain,
};

/** The API server's limit on all annotations of an object together (keys and values, in bytes). */
const ANNOTATIONS_LIMIT = 256 * 1024;

function text(e: Entry | undefined): string | undefined {
  const v = deref(e?.value);
  return isScalar(v) && typeof v.value === 'string' ? v.value : undefined;
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/invalid-metadata',
  language: 'kubernetes',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: null,
  messages: {
    name: 'The {kind} name "{name}" is rejected by the API server: it {why}.',
    labelKey: 'The label key "{key}" is rejected by the API server: it {why}.',
    labelValue: 'The value of label "{key}" is rejected by the API server: it {why}.',
    annotationKey: 'The annotation key "{key}" is rejected by the API server: it {why}.',
    annotationSize:
      'The annotations of this object total {size} bytes: the API server rejects more than 262144 (256 KiB).',
  },
  docs: {
    summary:
      'Object names, label keys and values, and annotation keys must be in the formats the API server accepts.',
    rationale:
      'The schema types metadata as strings, but `kubectl apply` rejects a Service named `My_Service` (Services ' +
      'take DNS-1035 labels; most kinds DNS-1123 subdomains, Namespaces labels, CronJobs at most 52 characters), a ' +
      'label value longer than 63 characters or with a space, a key with two slashes, and annotations over ' +
      '256 KiB in total. Labels of pod templates are checked too. Kinds whose name rules differ (RBAC objects, ' +
      'custom resources) are not judged, nor placeholders filled in before apply (`${NAME}`, templates), nor objects ' +
      'kustomize keeps to itself (`config.kubernetes.io/function`, `config.kubernetes.io/local-config: "true"`).',
    bad: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Web_Frontend\n  labels:\n    app.kubernetes.io/version: v1.2 beta\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
    good: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web-frontend\n  labels:\n    app.kubernetes.io/version: v1.2-beta\nspec:\n  selector:\n    app: web\n  ports:\n  - port: 80\n',
  },
  check(ctx) {
    const doc = ctx.doc;
    const labels = (map: YAMLMap | null): void => {
      for (const e of entries(map)) {
        if (isPlaceholder(e.key)) continue;
        const keyWhy = qualifiedName(e.key);
        if (keyWhy)
          ctx.report({
            at: rangeOf(doc, e.keyNode),
            messageId: 'labelKey',
            data: { key: e.key, why: keyWhy },
          });
        const value = text(e);
        const valueWhy = value === undefined || isPlaceholder(value) ? undefined : labelValue(value);
        if (valueWhy)
          ctx.report({ at: rangeOf(doc, e), messageId: 'labelValue', data: { key: e.key, why: valueWhy } });
      }
    };
    for (const m of ctx.model.manifests) {
      // kustomize function configs and local-config objects are read by kustomize, never sent to the API.
      if (
        m.annotations.has('config.kubernetes.io/function') ||
        m.annotations.get('config.kubernetes.io/local-config') === 'true'
      )
        continue;
      checkName(m);
      labels(asMap(get(m.metadata, 'labels')?.value));
      if (m.workload) labels(asMap(get(m.workload.podMetadata, 'labels')?.value));
      let size = 0;
      for (const e of entries(asMap(get(m.metadata, 'annotations')?.value))) {
        size += Buffer.byteLength(e.key) + Buffer.byteLength(text(e) ?? '');
        if (isPlaceholder(e.key)) continue;
        const why = qualifiedName(e.key.toLowerCase());
        if (why)
          ctx.report({ at: rangeOf(doc, e.keyNode), messageId: 'annotationKey', data: { key: e.key, why } });
      }
      const annotations = get(m.metadata, 'annotations');
      if (size > ANNOTATIONS_LIMIT && annotations)
        ctx.report({ at: rangeOf(doc, annotations.keyNode), messageId: 'annotationSize', data: { size } });
    }

    function checkName(m: Manifest): void {
      const check = NAMES[`${m.group || 'v1'}/${m.kind}`];
      const name = m.name;
      if (!check || !m.nameNode || name === undefined || name === '' || isPlaceholder(name)) return;
      const why = check(name);
      if (why)
        ctx.report({ at: rangeOf(doc, m.nameNode), messageId: 'name', data: { kind: m.kind, name, why } });
    }
  },
});

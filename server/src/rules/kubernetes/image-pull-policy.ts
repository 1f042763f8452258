import { defineRule } from '../../core/rule';
import {
  containerLabel,
  containerRange,
  get,
  rangeOf,
  str,
  type KubernetesModel,
} from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/image-pull-policy',
  language: 'kubernetes',
  severity: 'info',
  recommended: false,
  defaultOff: true,
  aliases: ['polaris:pullPolicyNotAlways', 'checkov:CKV_K8S_15'],
  fix: null,
  messages: {
    notAlways:
      '{container} uses imagePullPolicy {policy}: a node may run an image it pulled earlier without checking that this pod may pull it.',
  },
  docs: {
    summary:
      'Containers should pull their image every time (imagePullPolicy: Always), where the cluster requires it.',
    rationale:
      'With `IfNotPresent` a pod can use an image already on the node without the registry checking its ' +
      'credentials, and a moved tag is not noticed. Multi-tenant clusters (and the AlwaysPullImages admission ' +
      'plugin) require `Always`; elsewhere pinned digests make it moot and `Always` only adds registry traffic, ' +
      'so the rule is off by default. An unset policy on an image with a tag other than `latest` defaults to ' +
      '`IfNotPresent` and is reported too.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    imagePullPolicy: IfNotPresent\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n    imagePullPolicy: Always\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const e = get(c.node, 'imagePullPolicy');
        const written = str(e?.value);
        if (w.manifest.partial && !e) continue;
        // A value outside the enum is the schema rule's finding.
        if (written !== undefined && written !== 'IfNotPresent' && written !== 'Never') continue;
        // Kubernetes defaults the policy to Always for :latest and untagged images.
        const image = c.image ?? '';
        // The tag is after a ':' in the last path segment (a ':' before a '/' is a registry port).
        const tagged = image.slice(image.lastIndexOf('/') + 1).includes(':');
        const defaultAlways = !image.includes('@') && (!tagged || image.endsWith(':latest'));
        const policy = written ?? (defaultAlways ? 'Always' : 'IfNotPresent');
        if (policy === 'Always') continue;
        ctx.report({
          at: e ? rangeOf(ctx.doc, e) : containerRange(ctx.doc, c),
          messageId: 'notAlways',
          data: { container: containerLabel(c), policy: written ? policy : `${policy} (the default)` },
        });
      }
  },
});

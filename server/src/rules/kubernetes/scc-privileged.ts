import { defineRule } from '../../core/rule';
import { setScalar } from '../../fixes/kubernetes';
import { bool, get, rangeOf, stable, type KubernetesModel } from '../../languages/kubernetes';

export default defineRule<KubernetesModel>({
  id: 'kubernetes/scc-privileged',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:scc-deny-privileged-container'],
  fix: 'unsafe',
  messages: {
    allowed:
      'SecurityContextConstraints {name} allows privileged containers: any pod admitted under it may take over its node.',
  },
  docs: {
    summary: 'OpenShift SecurityContextConstraints should not allow privileged containers.',
    rationale:
      'A privileged container sees every device of its node and can undo all other isolation; an SCC with ' +
      '`allowPrivilegedContainer: true` lets every pod whose service account may use it run one. OpenShift ' +
      'ships its own `privileged` SCC for the few system components that need it; an SCC in an application ' +
      'repository that allows it usually means a capability was wanted (add it under `allowedCapabilities` ' +
      'instead). SecurityContextConstraints of `security.openshift.io` and of OpenShift 3’s `v1` are checked. The fix sets ' +
      '`allowPrivilegedContainer: false`, which stops pods that need privileged mode from being admitted.',
    bad: 'apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: agent\nallowPrivilegedContainer: true\nrunAsUser:\n  type: MustRunAsRange\nseLinuxContext:\n  type: MustRunAs\n',
    good: 'apiVersion: security.openshift.io/v1\nkind: SecurityContextConstraints\nmetadata:\n  name: agent\nallowPrivilegedContainer: false\nallowedCapabilities:\n- NET_ADMIN\nrunAsUser:\n  type: MustRunAsRange\nseLinuxContext:\n  type: MustRunAs\n',
  },
  check(ctx) {
    for (const m of ctx.model.manifests) {
      // OpenShift 3 served SCCs in the core group (`apiVersion: v1`) as well.
      if (m.kind !== 'SecurityContextConstraints' || !['security.openshift.io', ''].includes(m.group))
        continue;
      const allow = get(m.root, 'allowPrivilegedContainer');
      const node = allow?.value;
      if (!allow || !node || bool(node) !== true) continue;
      ctx.report({
        at: rangeOf(ctx.doc, allow),
        messageId: 'allowed',
        data: { name: m.name ?? '' },
        fix: stable(m.document, () => {
          const edit = setScalar(ctx.doc, node, false);
          return edit
            ? { title: 'Set allowPrivilegedContainer: false (changes behaviour)', edits: [edit] }
            : undefined;
        }),
      });
    }
  },
});

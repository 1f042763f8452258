import { defineRule } from '../../core/rule';
import { containerLabel, rangeOf, type KubernetesModel } from '../../languages/kubernetes';

/** The tag of an image reference (`registry:5000/team/app:1.2@sha256:…`), the digest, or neither. */
export function imageParts(image: string): { tag: string | undefined; digest: string | undefined } {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const last = name.slice(name.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return { tag: colon >= 0 ? last.slice(colon + 1) : undefined, digest };
}

export default defineRule<KubernetesModel>({
  id: 'kubernetes/image-tag',
  language: 'kubernetes',
  severity: 'warning',
  recommended: true,
  aliases: ['kube-linter:latest-tag', 'polaris:tagNotSpecified', 'checkov:CKV_K8S_14', 'trivy:KSV013'],
  fix: null,
  messages: {
    latest:
      '{container} runs {image}: "latest" moves, so two pods of one Deployment can run different code and a rollback does not roll back.',
    untagged: '{container} runs {image} without a tag, which means "latest": pin a version (or a digest).',
  },
  docs: {
    summary: 'Container images should be pinned to a version tag or a digest, not `latest`.',
    rationale:
      'With `:latest` (or no tag) the image a pod runs depends on when its node pulled it: replicas drift apart, a ' +
      'rollback redeploys whatever `latest` is today, and `imagePullPolicy` defaults to Always, so every restart ' +
      'pulls. Tag images with a version (`v1.0.0`) or a commit SHA. A digest (`@sha256:…`) pins the ' +
      'image whatever the tag says. Images with unexpanded template variables (`${TAG}`) are left alone: they are ' +
      'filled in at deploy time. There is no fix: only the author knows the version.',
    bad: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:latest\n',
    good: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\nspec:\n  containers:\n  - name: api\n    image: registry.example.com/api:1.4.2\n',
  },
  check(ctx) {
    for (const w of ctx.model.workloads)
      for (const c of w.containers) {
        const image = c.image;
        if (!image || !c.imageNode || /[$]\{|\{\{|\$\(/.test(image)) continue;
        const { tag, digest } = imageParts(image);
        if (digest) continue;
        if (tag !== undefined && tag !== 'latest') continue;
        ctx.report({
          at: rangeOf(ctx.doc, c.imageNode),
          messageId: tag === 'latest' ? 'latest' : 'untagged',
          data: { container: containerLabel(c), image },
        });
      }
  },
});

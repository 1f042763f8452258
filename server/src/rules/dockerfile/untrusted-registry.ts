import { defineRule } from '../../core/rule';
import { resolveAt, splitReference, type DockerfileModel } from '../../languages/dockerfile';
import type { Range } from '../../core/text';

/** hadolint's matching: `*` alone, `*.example.com` (suffix), `example.*` (prefix), or the exact name. */
function allowed(patterns: readonly string[], registry: string): boolean {
  return patterns.some((p) =>
    p === '*'
      ? true
      : p.startsWith('*')
        ? registry.endsWith(p.slice(1))
        : p.endsWith('*')
          ? registry.startsWith(p.slice(0, -1))
          : registry === p,
  );
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/untrusted-registry',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3026'],
  fix: null,
  messages: {
    untrusted: '`{image}` comes from {registry}, which is not among the trusted registries ({trusted}).',
  },
  docs: {
    summary:
      'Images should come from the registries `.hadolint.yaml` `trustedRegistries` lists (silent without it).',
    rationale:
      'Teams that mirror or vet base images list their registries in `.hadolint.yaml` (`trustedRegistries: ' +
      '[registry.example.com, "*.gcr.io"]`); an image from anywhere else bypasses that review. The rule checks ' +
      'FROM, `COPY --from` and `RUN --mount=from=` images, not stage names; an image without a registry is from ' +
      'docker.io, and `scratch` is always allowed. Patterns may start or end with `*`. Without the setting the ' +
      'rule says nothing. It is a warning rather than hadolint’s error because the builder accepts the file.',
    bad: 'FROM quay.io/prometheus/busybox:latest\n',
    good: 'FROM docker.io/library/busybox:1.36\n',
  },
  check(ctx) {
    const trusted = ctx.settings.trustedRegistries;
    if (trusted.length === 0) return;
    const { model } = ctx;
    const stages = new Set(model.stages.map((s) => s.name).filter((n): n is string => n !== null));
    const judge = (ref: string | null, at: Range): void => {
      if (!ref || ref === 'scratch' || stages.has(ref.toLowerCase()) || /^\d+$/.test(ref)) return;
      const registry = splitReference(ref).registry ?? 'docker.io';
      if (allowed(trusted, registry) || (registry === 'docker.io' && allowed(trusted, 'hub.docker.com')))
        return;
      ctx.report({ at, messageId: 'untrusted', data: { image: ref, registry, trusted: trusted.join(', ') } });
    };
    for (const stage of model.stages)
      if (stage.image && !stage.parent) judge(stage.image.resolved, stage.image.range);
    for (const ins of model.instructions)
      for (const f of ins.flags) {
        const name = f.name.toLowerCase();
        if (name === 'from' && ins.keyword === 'COPY' && f.value)
          judge(resolveAt(model, ins, f.value), f.range);
        if (name === 'mount' && f.value) {
          const from = /(?:^|,)from=([^,]+)/.exec(f.value)?.[1];
          if (from) judge(resolveAt(model, ins, from), f.range);
        }
      }
  },
});

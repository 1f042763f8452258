import type { FixSpec } from '../../core/rule';
import { comparePositions, type Range } from '../../core/text';
import { hpaLines, styleOf } from '../../fixes/kubernetes';
import { appendDocument } from '../../fixes/yaml';
import type { LanguageSupport } from '../support';
import { isListedPatch } from './kustomize';
import type { KubernetesModel, Manifest } from './model';
import { createKubernetesCache, parseKubernetes, type KubernetesCache } from './parse';
import { entryAt, sameNamespace, str } from './query';
import { kubernetesSuppressions } from './suppressions';

export const kubernetesSupport: LanguageSupport<KubernetesModel> = {
  language: 'kubernetes',
  createCache: createKubernetesCache,
  parse: (text, cache, ctx) =>
    parseKubernetes(text, cache as KubernetesCache, {
      patchFile: isListedPatch(ctx.name, ctx.host) === true,
    }),
  suppressions: kubernetesSuppressions,
  assists: kubernetesAssists,
};

const SCALABLE = new Set(['Deployment', 'StatefulSet']);

/** The HPA of the file that scales a workload, if any. */
export function hpaFor(model: KubernetesModel, target: Manifest): Manifest | undefined {
  return model.hpas.find(
    (h) =>
      sameNamespace(h, target) &&
      str(entryAt(h.root, 'spec', 'scaleTargetRef', 'kind')?.value) === target.kind &&
      str(entryAt(h.root, 'spec', 'scaleTargetRef', 'name')?.value) === target.name,
  );
}

/** The edit that appends an autoscaling/v2 HPA for a Deployment or StatefulSet (the seeds' settings). */
export function addHpaFix(model: KubernetesModel, target: Manifest): FixSpec | undefined {
  if (!target.name) return undefined;
  const lines = hpaLines(
    { apiVersion: target.apiVersion, kind: target.kind, name: target.name, namespace: target.namespace },
    styleOf(model.doc),
  );
  return { title: 'Add a HorizontalPodAutoscaler', edits: [appendDocument(model.doc, lines)] };
}

/**
 * Refactorings offered where the cursor is: "Add a HorizontalPodAutoscaler" inside a Deployment or
 * StatefulSet that no HPA of the file scales yet.
 */
export function kubernetesAssists(model: KubernetesModel, range: Range): FixSpec[] {
  const out: FixSpec[] = [];
  const doc = model.doc;
  const m = model.manifests.find((x) => {
    const start = doc.positionAt(x.document.start);
    const end = doc.positionAt(x.document.end);
    return comparePositions(start, range.start) <= 0 && comparePositions(range.end, end) <= 0;
  });
  if (!m || m.group !== 'apps' || !SCALABLE.has(m.kind) || !m.name) return out;
  if (hpaFor(model, m)) return out;
  const fix = addHpaFix(model, m);
  if (fix) out.push(fix);
  return out;
}

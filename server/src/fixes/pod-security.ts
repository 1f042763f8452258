import type { TextDoc, TextEdit } from '../core/text';
import { get, mapAt, type Workload } from '../languages/kubernetes';
import { addToEntry, addToMap, styleOf, yamlLines } from './kubernetes';

/** Adds `seccompProfile: {type: RuntimeDefault}` to the pod's securityContext, creating it when needed. */
export function addPodSeccomp(doc: TextDoc, w: Workload): TextEdit | undefined {
  const style = styleOf(doc);
  const sc = get(w.podSpec, 'securityContext');
  const scMap = mapAt(w.podSpec, 'securityContext');
  const profile = { seccompProfile: { type: 'RuntimeDefault' } };
  if (!sc)
    return w.podSpec ? addToMap(doc, w.podSpec, yamlLines({ securityContext: profile }, style)) : undefined;
  if (scMap && scMap.items.length)
    return scMap.flow ? undefined : addToMap(doc, scMap, yamlLines(profile, style));
  return addToEntry(doc, sc, yamlLines(profile, style));
}

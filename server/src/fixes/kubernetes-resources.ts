import type { TextDoc, TextEdit } from '../core/text';
import { get, mapAt, quantityValue, str, type Container } from '../languages/kubernetes';
import { addToEntry, addToMap, styleOf, yamlLines, type YValue } from './kubernetes';
import { withTabStops } from './text';

/** The values the fix writes, as tab stops for editors that accept snippet edits. */
const VALUES = /(?<=(?:cpu|memory): ")[0-9][0-9.]*[A-Za-z]*/g;

/** Starting values a typical web service fits in: requests 512Mi / 500m, limits 2Gi / 2000m. */
export const DEFAULT_RESOURCES = {
  requests: { memory: '512Mi', cpu: '500m' },
  limits: { memory: '2Gi', cpu: '2000m' },
} as const;

/** Adds the missing requests and limits with those starting values (a limit never below its request). */
export function resourcesFix(doc: TextDoc, c: Container): TextEdit[] | undefined {
  return build(doc, c)?.map((e) => withTabStops(e, VALUES));
}

function build(doc: TextDoc, c: Container): TextEdit[] | undefined {
  const style = styleOf(doc);
  const resources = get(c.node, 'resources');
  const requests = mapAt(c.node, 'resources', 'requests');
  const limits = mapAt(c.node, 'resources', 'limits');
  const want: { requests: Record<string, YValue>; limits: Record<string, YValue> } = {
    requests: {},
    limits: {},
  };
  for (const r of ['memory', 'cpu'] as const) {
    const req = get(requests, r);
    const lim = get(limits, r);
    if (!req && !lim) want.requests[r] = DEFAULT_RESOURCES.requests[r];
    if (!lim) {
      const reqValue = quantityValue(str(req?.value));
      const def = DEFAULT_RESOURCES.limits[r];
      want.limits[r] =
        reqValue !== undefined && reqValue > (quantityValue(def) ?? 0) ? (str(req?.value) ?? def) : def;
    }
  }
  const blocks: Record<string, YValue> = {};
  if (Object.keys(want.requests).length) blocks.requests = want.requests;
  if (Object.keys(want.limits).length) blocks.limits = want.limits;
  const one = (e: TextEdit | undefined) => (e ? [e] : undefined);
  if (!resources) return one(addToMap(doc, c.node, yamlLines({ resources: blocks }, style)));
  const resourcesMap = mapAt(c.node, 'resources');
  if (!resourcesMap || resourcesMap.items.length === 0)
    return one(addToEntry(doc, resources, yamlLines(blocks, style)));
  if (resourcesMap.flow) return undefined;
  // Entries go into the sub-maps that exist; a sub-map that does not is added whole.
  // Entries added to an existing sub-map come before whole new sub-maps: both can be inserted at the end
  // of the resources block, and the entries must stay under their own key.
  const into: TextEdit[] = [];
  const blocksAdded: TextEdit[] = [];
  for (const key of ['requests', 'limits'] as const) {
    const values = want[key];
    if (Object.keys(values).length === 0) continue;
    const entry = get(resourcesMap, key);
    const e = entry
      ? addToEntry(doc, entry, yamlLines(values, style))
      : addToMap(doc, resourcesMap, yamlLines({ [key]: values }, style));
    if (!e) return undefined;
    (entry ? into : blocksAdded).push(e);
  }
  const edits = [...into, ...blocksAdded];
  return edits.length ? edits : undefined;
}

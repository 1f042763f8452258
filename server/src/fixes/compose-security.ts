import type { TextEdit } from '../core/text';
import { entryAt, type ComposeModel, type PortSpec } from '../languages/compose';
import { contentEnd, isMap, isScalar, isSeq, type Entry, type Node } from '../languages/yaml/model';
import { deleteLines } from './text';
import { appendToMap, replaceNode } from './yaml';

/**
 * Removes one item of a block list written in the service (`security_opt`, `cap_add`, `volumes`). The
 * only item goes with its key, since Compose rejects an empty list where it expects entries. Lists from
 * an anchor and flow lists are not edited.
 */
export function deleteListItem(model: ComposeModel, entry: Entry, item: Node): TextEdit | undefined {
  const seq = entry.pair.value as Node | null;
  if (entry.merged || !isSeq(seq) || seq.flow || !item.range || !entry.keyNode.range) return undefined;
  const doc = model.doc;
  const first = doc.positionAt(item.range[0]).line;
  const last = doc.positionAt(contentEnd(item)).line;
  if (seq.items.length === 1) return deleteLines(doc, doc.positionAt(entry.keyNode.range[0]).line, last);
  return deleteLines(doc, first, last);
}

/** Publishes a port on 127.0.0.1 only, in short syntax (a host address in front) or long (`host_ip`). */
export function bindPortLocally(m: ComposeModel, p: PortSpec): TextEdit | undefined {
  const node = p.node;
  if (isScalar(node) && node.range) {
    const text = p.text ?? String(node.value);
    let next: string;
    if (p.hostIp !== null) next = text.replace(/^(\[::\]|::|0\.0\.0\.0)/, '127.0.0.1');
    else next = p.published ? `127.0.0.1:${text}` : `127.0.0.1::${text}`;
    const source = m.doc.text.slice(node.range[0], node.range[1]);
    const quoted = source.startsWith("'") ? `'${next}'` : JSON.stringify(next);
    return replaceNode(m.doc, node, quoted);
  }
  if (!isMap(node)) return undefined;
  const ip = entryAt(node, 'host_ip');
  if (ip?.value && !ip.merged) return replaceNode(m.doc, ip.value, '127.0.0.1');
  if (node.flow) return undefined;
  return appendToMap(m.doc, node, ['host_ip: 127.0.0.1']);
}

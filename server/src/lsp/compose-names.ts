import type { Range, TextDoc } from '../core/text';
import {
  entries,
  get,
  isMap,
  isScalar,
  isSeq,
  items,
  str,
  type Node,
  type Scalar,
} from '../languages/yaml/model';

/**
 * The names a Compose file declares (services, networks, volumes, secrets, configs) and the places that
 * use them (`depends_on`, `links`, `extends.service`, a service's `networks`, named `volumes`, `secrets`,
 * `configs`), with their ranges: the file's outline, go to definition and references.
 */
export type NameKind = 'services' | 'networks' | 'volumes' | 'secrets' | 'configs';
export const NAME_KINDS: readonly NameKind[] = ['services', 'networks', 'volumes', 'secrets', 'configs'];

export interface Named {
  kind: NameKind;
  name: string;
  range: Range;
  /** For declarations: the whole entry (key and value). */
  fullRange?: Range;
}

export interface ComposeNames {
  declarations: Named[];
  uses: Named[];
  /** Document links: build contexts, Dockerfiles and env files, as written, with their ranges. */
  paths: { path: string; range: Range; base?: string }[];
}

/** Read from the Compose parser's model (`root`: the top mapping), as the rules read it. */
export function composeNames(doc: TextDoc, root: Node | null): ComposeNames {
  const out: ComposeNames = { declarations: [], uses: [], paths: [] };
  const file = { doc };
  if (!isMap(root)) return out;
  const range = (n: Node): Range => {
    const r = n.range ?? [0, 0, 0];
    return file.doc.rangeOf(r[0], r[1]);
  };
  const scalarRange = (n: Scalar, length: number): Range => {
    const r = n.range ?? [0, 0, 0];
    // A quoted scalar starts at its quote.
    const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' ? 1 : 0;
    return file.doc.rangeOf(r[0] + quoted, r[0] + quoted + length);
  };
  const use = (kind: NameKind, n: Node | null | undefined, name = str(n)): void => {
    if (name && isScalar(n)) out.uses.push({ kind, name, range: scalarRange(n, name.length) });
  };
  for (const kind of NAME_KINDS)
    for (const e of entries(get(root, kind)?.value)) {
      if (e.merged) continue;
      const end = e.value?.range?.[1] ?? e.keyNode.range?.[1] ?? 0;
      out.declarations.push({
        kind,
        name: e.key,
        range: range(e.keyNode),
        fullRange: file.doc.rangeOf(e.keyNode.range?.[0] ?? 0, end),
      });
    }
  for (const svc of entries(get(root, 'services')?.value)) {
    if (svc.merged) continue;
    for (const e of entries(svc.value)) {
      if (e.merged) continue;
      const v = e.value;
      switch (e.key) {
        case 'depends_on':
        case 'networks':
          for (const i of items(v)) use(e.key === 'networks' ? 'networks' : 'services', i);
          for (const k of entries(v)) use(e.key === 'networks' ? 'networks' : 'services', k.keyNode);
          break;
        case 'links':
          for (const i of items(v)) use('services', i, str(i)?.split(':')[0]);
          break;
        case 'extends':
          if (!get(v, 'file')) use('services', get(v, 'service')?.value);
          break;
        case 'secrets':
        case 'configs':
          for (const i of items(v)) use(e.key, isMap(i) ? get(i, 'source')?.value : i);
          break;
        case 'volumes':
          for (const i of items(v)) {
            if (isMap(i)) {
              if (str(get(i, 'type')?.value) !== 'bind') use('volumes', get(i, 'source')?.value);
              continue;
            }
            const source = str(i)?.split(':')[0];
            // Host paths (`./data`, `/srv`, `~/x`, `${HOME}`) are not named volumes.
            if (source && str(i)?.includes(':') && /^[A-Za-z0-9][\w.-]*$/.test(source))
              use('volumes', i, source);
          }
          break;
        case 'build': {
          const context = isScalar(v) ? v : get(v, 'context')?.value;
          const dir = str(context);
          if (dir && isScalar(context) && !/^[a-z][\w+.-]*:\/\//i.test(dir))
            out.paths.push({ path: dir, range: scalarRange(context, dir.length) });
          const dockerfile = get(v, 'dockerfile')?.value;
          const name = str(dockerfile);
          if (name && isScalar(dockerfile))
            out.paths.push({ path: name, range: scalarRange(dockerfile, name.length), base: dir ?? '.' });
          break;
        }
        case 'env_file':
          for (const i of isSeq(v) ? items(v) : [v]) {
            const n = isMap(i) ? get(i, 'path')?.value : i;
            const p = str(n);
            if (p && isScalar(n)) out.paths.push({ path: p, range: scalarRange(n, p.length) });
          }
          break;
      }
    }
  }
  return out;
}

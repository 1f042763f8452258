import {
  CompletionItemKind,
  DocumentSymbol,
  InsertTextFormat,
  MarkupKind,
  SymbolKind,
  type CompletionItem,
  type Hover,
  type Position,
} from 'vscode-languageserver/node';
import type { TextDoc } from '../core/text';
import { NAME_KINDS, type ComposeNames, type NameKind } from './compose-names';
import { referencedKinds, selectorAt, type KObject, type KUse } from './kubernetes-names';
import { mayBeSnippet, snippetItems } from './snippets';
import { cursorAt, keyPathAt, topScalars, type YamlCursor } from './yaml-cursor';
import {
  keyInfo,
  keysAt,
  kubernetesDefinition,
  kubernetesKinds,
  valuesAt,
  type KeyInfo,
  type SchemaContext,
} from './yaml-schema-docs';

/** Compose and Kubernetes editing: completion from the schemas and the file's names, hover, outline. */

type Kube = { objects: KObject[]; uses: KUse[] };

function schemaContext(
  kind: 'compose' | 'kubernetes',
  doc: TextDoc,
  start: number,
  end: number,
): SchemaContext {
  if (kind === 'compose') return { kind, root: undefined };
  const top = topScalars(doc, start, end);
  return { kind, root: kubernetesDefinition(top.get('apiVersion'), top.get('kind')) };
}

export function yamlCompletion(
  kind: 'compose' | 'kubernetes',
  doc: TextDoc,
  compose: ComposeNames | undefined,
  kube: Kube | undefined,
  position: Position,
): CompletionItem[] {
  const file = { doc };
  const cursor = cursorAt(doc, position);
  if (!cursor) return [];
  const ctx = schemaContext(kind, file.doc, cursor.docStart, cursor.docEnd);
  const out: CompletionItem[] = [];
  const { path, at, typed } = cursor;
  if (at === 'key' && mayBeSnippet(typed) && path.length <= (kind === 'compose' ? 1 : 0))
    out.push(...snippetItems(kind, position, cursor.typedStart));
  const names = kind === 'compose' ? composeNamesAt(cursor, compose) : kubernetesNamesAt(cursor, kube);
  out.push(...names.map((n) => value(n, cursor, position, CompletionItemKind.Reference)));
  if (at === 'key' || at === 'item') {
    const keys = kind === 'kubernetes' && !ctx.root && path.length === 0 ? TOP_KEYS : keysAt(ctx, path);
    out.push(...keys.map((k) => key(k, cursor, position)));
  }
  if (at === 'value' || at === 'item') {
    const values =
      kind === 'kubernetes' && path.length === 1 && (path[0] === 'kind' || path[0] === 'apiVersion')
        ? kindValues(path[0], topScalars(file.doc, cursor.docStart, cursor.docEnd))
        : valuesAt(ctx, path);
    out.push(...values.map((v) => value(v, cursor, position, CompletionItemKind.EnumMember)));
  }
  return out;
}

const TOP_KEYS: KeyInfo[] = [
  {
    name: 'apiVersion',
    type: 'string',
    description: 'The API group and version of the object, e.g. `apps/v1`.',
  },
  { name: 'kind', type: 'string', description: 'The kind of object, e.g. `Deployment`.' },
  { name: 'metadata', type: 'object', description: "The object's name, namespace, labels and annotations." },
  { name: 'spec', type: 'object', description: 'The desired state of the object.' },
];

function kindValues(which: string, top: Map<string, string>): string[] {
  const all = kubernetesKinds();
  if (which === 'kind') {
    const api = top.get('apiVersion');
    return [...new Set(all.filter((k) => !api || k.apiVersion === api).map((k) => k.kind))];
  }
  const kind = top.get('kind');
  return [...new Set(all.filter((k) => !kind || k.kind === kind).map((k) => k.apiVersion))];
}

function key(k: KeyInfo, cursor: YamlCursor, position: Position): CompletionItem {
  const types = k.type.split(' | ');
  // Only-object and only-array keys open their block; a key that may be a scalar stays on its line.
  const body = types.every((t) => t === 'object')
    ? `${k.name}:\n  $0`
    : types.every((t) => t === 'array')
      ? `${k.name}:\n  - $0`
      : `${k.name}: $0`;
  return {
    label: k.name,
    kind: CompletionItemKind.Property,
    detail: k.type || undefined,
    documentation: k.description ? { kind: MarkupKind.Markdown, value: k.description } : undefined,
    textEdit: {
      range: { start: { line: position.line, character: cursor.typedStart }, end: position },
      newText: body,
    },
    insertTextFormat: InsertTextFormat.Snippet,
  };
}

function value(v: string, cursor: YamlCursor, position: Position, kind: CompletionItemKind): CompletionItem {
  return {
    label: v,
    kind,
    textEdit: {
      range: { start: { line: position.line, character: cursor.typedStart }, end: position },
      newText: v,
    },
    insertTextFormat: InsertTextFormat.PlainText,
  };
}

/** Which declared names fit at the cursor in a Compose file (`depends_on`, `networks`, …). */
function composeNamesAt(cursor: YamlCursor, names: ComposeNames | undefined): string[] {
  if (!names) return [];
  const { path, at } = cursor;
  const declared = (kind: NameKind): string[] =>
    names.declarations
      .filter((d) => d.kind === kind && d.name !== (kind === 'services' ? path[1] : undefined))
      .map((d) => d.name);
  if (path[0] !== 'services' || path.length < 3) return [];
  const field = path[2];
  const rest = path.slice(3);
  const list = at === 'item' && rest.length === 1 && rest[0] === '-';
  const mapKey = at === 'key' && rest.length === 0;
  if (field === 'depends_on' && (list || mapKey)) return declared('services');
  if (field === 'links' && list) return declared('services');
  if (field === 'networks' && (list || mapKey)) return declared('networks');
  if (
    (field === 'secrets' || field === 'configs') &&
    (list || (at === 'value' && rest.join('/') === '-/source'))
  )
    return declared(field);
  if (field === 'volumes' && list) return declared('volumes').map((v) => `${v}:`);
  if (field === 'extends' && at === 'value' && rest.join('/') === 'service') return declared('services');
  return [];
}

/** Object names for fields that name objects, and pod labels in selectors, from the same file. */
function kubernetesNamesAt(cursor: YamlCursor, kube: Kube | undefined): string[] {
  if (!kube) return [];
  const { path, at } = cursor;
  if (at === 'value') {
    const kinds = referencedKinds(path);
    if (kinds)
      return [...new Set(kube.objects.filter((o) => o.name && kinds.includes(o.kind)).map((o) => o.name))];
    if (selectorAt(path.slice(0, -1))) {
      const label = path[path.length - 1] ?? '';
      return [...new Set(kube.objects.flatMap((o) => o.podLabels.get(label) ?? []))];
    }
  }
  if (at === 'key' && selectorAt(path))
    return [...new Set(kube.objects.flatMap((o) => [...o.podLabels.keys()]))].map((k) => `${k}: `);
  return [];
}

export function yamlHover(kind: 'compose' | 'kubernetes', doc: TextDoc, position: Position): Hover | null {
  const hit = keyPathAt(doc, position);
  if (!hit) return null;
  const cursor = cursorAt(doc, position);
  const lines = cursor ?? { docStart: 0, docEnd: doc.lineCount };
  const ctx = schemaContext(kind, doc, lines.docStart, lines.docEnd);
  const info =
    kind === 'kubernetes' && hit.path.length === 1 && !ctx.root
      ? TOP_KEYS.find((k) => k.name === hit.path[0])
      : keyInfo(ctx, hit.path);
  if (!info || !info.description) return null;
  const type = info.type ? ` \`${info.type}\`` : '';
  return {
    contents: { kind: MarkupKind.Markdown, value: `**${info.name}**${type}\n\n${info.description}` },
    range: {
      start: { line: position.line, character: hit.start },
      end: { line: position.line, character: hit.end },
    },
  };
}

/** Compose: the top-level sections with their names; Kubernetes: one `Kind/name` per document. */
export function yamlSymbols(
  kind: 'compose' | 'kubernetes',
  compose: ComposeNames | undefined,
  kube: Kube | undefined,
): DocumentSymbol[] {
  if (kind === 'kubernetes')
    return (kube?.objects ?? []).map((o) =>
      DocumentSymbol.create(
        `${o.kind}/${o.name || '(no name)'}`,
        undefined,
        SymbolKind.Object,
        o.range,
        o.nameRange,
      ),
    );
  const out: DocumentSymbol[] = [];
  for (const section of NAME_KINDS) {
    const decls = (compose?.declarations ?? []).filter((d) => d.kind === section);
    if (decls.length === 0) continue;
    const first = decls[0];
    const last = decls[decls.length - 1];
    if (!first || !last) continue;
    const range = { start: first.range.start, end: (last.fullRange ?? last.range).end };
    const symbolKind = section === 'services' ? SymbolKind.Class : SymbolKind.Module;
    out.push(
      DocumentSymbol.create(
        section,
        undefined,
        SymbolKind.Namespace,
        range,
        first.range,
        decls.map((d) =>
          DocumentSymbol.create(d.name, undefined, symbolKind, d.fullRange ?? d.range, d.range),
        ),
      ),
    );
  }
  return out;
}

import { dirname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  CompletionItem,
  DocumentLink,
  DocumentSymbol,
  FoldingRange,
  FormattingOptions,
  Hover,
  Location,
  Position,
  Range,
  TextEdit,
  WorkspaceEdit,
} from 'vscode-languageserver/node';
import { containsPosition, TextDoc } from '../core/text';
import { detectLanguage } from '../languages/detect';
import type { DockerfileModel } from '../languages/dockerfile/model';
import { createParseCache, parseDockerfile, type ParseCache } from '../languages/dockerfile/parse';
import { createComposeCache, parseCompose, type ComposeParseCache } from '../languages/compose/parse';
import { createKubernetesCache, parseKubernetes, type KubernetesCache } from '../languages/kubernetes/parse';
import type { DocumentState } from './analysis';
import { uriToPath } from './analysis';
import { composeNames, type ComposeNames } from './compose-names';
import {
  dockerfileCompletion,
  dockerfileDefinition,
  dockerfileFolding,
  dockerfileFormat,
  dockerfileHover,
  dockerfilePrepareRename,
  dockerfileReferences,
  dockerfileRename,
  dockerfileSymbols,
} from './editor-dockerfile';
import { kubernetesNames, type KObject, type KUse } from './kubernetes-names';
import { yamlCompletion, yamlHover, yamlSymbols } from './editor-yaml';

/** An editor request the main thread hands to the editor worker (see ARCHITECTURE.md). */
export type EditorRequest =
  | { feature: 'completion'; position: Position }
  | { feature: 'hover'; position: Position }
  | { feature: 'symbols' }
  | { feature: 'definition'; position: Position }
  | { feature: 'references'; position: Position }
  | { feature: 'prepareRename'; position: Position }
  | { feature: 'rename'; position: Position; newName: string }
  | { feature: 'folding' }
  | { feature: 'format'; options: FormattingOptions; range?: Range }
  | { feature: 'links' };

/** The file kinds editing knows; `kubernetes` also covers YAML that is becoming a manifest. */
export type EditKind = 'dockerfile' | 'compose' | 'kubernetes';

interface Parsed {
  version: number;
  kind: EditKind | null;
  dockerfile?: DockerfileModel;
  doc?: TextDoc;
  compose?: ComposeNames;
  kubernetes?: { objects: KObject[]; uses: KUse[] };
}

// Top-level keys of Kubernetes objects: a YAML file whose top-level keys are all among these (or that has
// none yet) is becoming a manifest. Any other key (`jobs:`, `on:`, `dependencies:`) leaves it alone.
const MANIFEST_TOP_KEYS = new Set([
  'apiVersion',
  'kind',
  'metadata',
  'spec',
  'data',
  'stringData',
  'binaryData',
  'type',
  'immutable',
  'rules',
  'subjects',
  'roleRef',
  'webhooks',
]);

/**
 * The language server's editing features (completion, hover docs, outline, definitions, references,
 * rename, folding, formatting, links). They run in a worker of their own, never behind an analysis:
 * each answer parses the document once per version with the parsers the rules use (the Dockerfile's
 * chunk cache is kept) and reads what it needs from that model.
 */
export class EditorService {
  private readonly documents = new Map<string, DocumentState>();
  private readonly parsed = new Map<string, Parsed>();
  /** The parsers' own caches, per document: an edit re-parses only the pieces it touched. */
  private readonly caches = new Map<string, ParseCache | ComposeParseCache | KubernetesCache>();

  update(doc: DocumentState): void {
    this.documents.set(doc.uri, doc);
  }

  forget(uri: string): void {
    this.documents.delete(uri);
    this.parsed.delete(uri);
    this.caches.delete(uri);
  }

  run(uri: string, req: EditorRequest): unknown {
    const doc = this.documents.get(uri);
    if (!doc) return null;
    const p = this.parse(doc);
    switch (p.kind) {
      case 'dockerfile':
        return this.dockerfile(doc, p.dockerfile as DockerfileModel, req);
      case 'compose':
      case 'kubernetes':
        return this.yaml(doc, p, req);
      default:
        return emptyAnswer(req);
    }
  }

  /** The file kind for editing, and the model it needs, parsed once per version. */
  private parse(doc: DocumentState): Parsed {
    const old = this.parsed.get(doc.uri);
    if (old?.version === doc.version) return old;
    const name = uriToPath(doc.uri) ?? doc.uri;
    const kind = editKind(name, doc.languageId, doc.text);
    // A file that changed kind (a .yaml becoming Compose) starts a fresh cache of the other parser.
    if (old && old.kind !== kind) this.caches.delete(doc.uri);
    const p: Parsed = { version: doc.version, kind };
    const cached = this.caches.get(doc.uri);
    if (kind === 'dockerfile') {
      const cache = (cached as ParseCache | undefined) ?? createParseCache();
      p.dockerfile = parseDockerfile(doc.text, cache);
      this.caches.set(doc.uri, cache);
    } else if (kind === 'compose') {
      const cache = (cached as ComposeParseCache | undefined) ?? createComposeCache();
      const model = parseCompose(doc.text, cache);
      this.caches.set(doc.uri, cache);
      p.doc = model.doc;
      p.compose = composeNames(model.doc, model.root);
    } else if (kind === 'kubernetes') {
      const cache = (cached as KubernetesCache | undefined) ?? createKubernetesCache();
      const model = parseKubernetes(doc.text, cache);
      this.caches.set(doc.uri, cache);
      p.doc = model.doc;
      p.kubernetes = kubernetesNames(model.doc, model.documents);
    }
    this.parsed.set(doc.uri, p);
    return p;
  }

  private dockerfile(doc: DocumentState, model: DockerfileModel, req: EditorRequest): unknown {
    switch (req.feature) {
      case 'completion':
        return dockerfileCompletion(model, req.position);
      case 'hover':
        return dockerfileHover(model, req.position);
      case 'symbols':
        return dockerfileSymbols(model);
      case 'definition':
        return dockerfileDefinition(doc.uri, doc.text, req.position);
      case 'references':
        return dockerfileReferences(doc.uri, doc.text, req.position);
      case 'prepareRename':
        return dockerfilePrepareRename(doc.text, req.position);
      case 'rename': {
        const edits = dockerfileRename(doc.uri, doc.text, req.position, req.newName);
        return edits.length > 0 ? ({ changes: { [doc.uri]: edits } } satisfies WorkspaceEdit) : null;
      }
      case 'folding':
        return dockerfileFolding(doc.text);
      case 'format':
        return dockerfileFormat(model, req.options, req.range);
      case 'links':
        return [];
    }
  }

  private yaml(doc: DocumentState, p: Parsed, req: EditorRequest): unknown {
    const text = p.doc as TextDoc;
    const kind = p.kind as 'compose' | 'kubernetes';
    switch (req.feature) {
      case 'completion':
        return yamlCompletion(kind, text, p.compose, p.kubernetes, req.position);
      case 'hover':
        return yamlHover(kind, text, req.position);
      case 'symbols':
        return yamlSymbols(kind, p.compose, p.kubernetes);
      case 'definition': {
        const target = this.targets(p, req.position);
        return target ? { uri: doc.uri, range: target.declaration } : null;
      }
      case 'references': {
        const target = this.targets(p, req.position);
        return target ? target.all.map((range) => ({ uri: doc.uri, range })) : [];
      }
      case 'links':
        return kind === 'compose' ? composeLinks(doc.uri, p.compose as ComposeNames) : [];
      case 'folding':
      case 'prepareRename':
      case 'rename':
      case 'format':
        return emptyAnswer(req);
    }
  }

  /** The declaration of the name under the cursor, and its declaration with every use. */
  private targets(p: Parsed, position: Position): { declaration: Range; all: Range[] } | undefined {
    if (p.compose) {
      const names = p.compose;
      const at = [...names.uses, ...names.declarations].find((n) => containsPosition(n.range, position));
      if (!at) return undefined;
      const decl = names.declarations.find((d) => d.kind === at.kind && d.name === at.name);
      if (!decl) return undefined;
      const uses = names.uses.filter((u) => u.kind === at.kind && u.name === at.name).map((u) => u.range);
      return { declaration: decl.range, all: [decl.range, ...uses] };
    }
    if (p.kubernetes) {
      const { objects, uses } = p.kubernetes;
      const use = uses.find((u) => containsPosition(u.range, position));
      const obj = use
        ? objects.find((o) => use.kinds.includes(o.kind) && o.name === use.name)
        : objects.find((o) => o.name && containsPosition(o.nameRange, position));
      if (!obj) return undefined;
      const all = uses.filter((u) => u.kinds.includes(obj.kind) && u.name === obj.name).map((u) => u.range);
      return { declaration: obj.nameRange, all: [obj.nameRange, ...all] };
    }
    return undefined;
  }
}

/** What a request answers when the file is none of ours (or the feature does not apply to it). */
function emptyAnswer(req: EditorRequest): unknown {
  return req.feature === 'completion' ||
    req.feature === 'symbols' ||
    req.feature === 'references' ||
    req.feature === 'folding' ||
    req.feature === 'format' ||
    req.feature === 'links'
    ? []
    : null;
}

/** The file kind editing serves: the engine's, or Kubernetes for YAML that is becoming a manifest. */
export function editKind(name: string, languageId: string, text: string): EditKind | null {
  const kind = detectLanguage(name, languageId, text);
  if (kind) return kind;
  const yamlish = languageId === 'yaml' || /\.ya?ml$/i.test(name);
  if (!yamlish || /(^|[\\/])kustomization\.ya?ml$/i.test(name) || text.includes('{{')) return null;
  const doc = new TextDoc(text);
  for (let l = 0; l < doc.lineCount; l++) {
    const m = /^([A-Za-z_$][\w$-]*)[ \t]*:/.exec(doc.lineText(l));
    if (m?.[1] && !MANIFEST_TOP_KEYS.has(m[1])) return null;
  }
  return 'kubernetes';
}

function composeLinks(uri: string, names: ComposeNames): DocumentLink[] {
  const file = uriToPath(uri);
  if (!file) return [];
  const dir = dirname(file);
  const out: DocumentLink[] = [];
  for (const p of names.paths) {
    // Interpolated paths are known only when the project is loaded.
    if (p.path.includes('$')) continue;
    const base = p.base === undefined ? dir : isAbsolute(p.base) ? p.base : join(dir, p.base);
    const target = isAbsolute(p.path) ? p.path : join(base, p.path);
    out.push({ range: p.range, target: pathToFileURL(target).href });
  }
  return out;
}

export type { CompletionItem, DocumentSymbol, FoldingRange, Hover, Location, TextEdit };

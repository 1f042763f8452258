import { TextDoc } from '../../core/text';
import {
  deref,
  entries,
  get,
  isMap,
  isScalar,
  items,
  parseYamlFile,
  type Node,
  type Scalar,
  type YAMLMap,
} from '../yaml/model';
import {
  WORKLOAD_GROUPS,
  type Container,
  type KDocument,
  type KProblem,
  type KubernetesModel,
  type Manifest,
  type Workload,
  type WorkloadKind,
} from './model';
import { hasPatchDirective } from './kustomize';
import { annotationSkips } from './suppressions';

/**
 * Multi-document files are parsed one document at a time. The text is cut at `---` lines at column 0
 * (YAML forbids such a line inside any scalar, so the cut is always a document boundary), each piece is
 * parsed on its own and cached by its text. After an edit only the document that changed is parsed again;
 * documents after it whose offset moved get their node ranges shifted instead, which is a walk over the
 * nodes rather than a parse. A 14,000-line file of 600 documents re-parses in a few milliseconds.
 */
interface Chunk {
  text: string;
  start: number;
}

interface CachedChunk {
  start: number;
  documents: KDocument[];
}

export interface KubernetesCache {
  chunks: Map<string, CachedChunk[]>;
}

export function createKubernetesCache(): KubernetesCache {
  return { chunks: new Map() };
}

export interface KubernetesParseOptions {
  /** The file is a kustomize patch (a kustomization lists it): its objects are partial. */
  patchFile?: boolean;
}

export function parseKubernetes(
  text: string,
  cache: KubernetesCache = createKubernetesCache(),
  options: KubernetesParseOptions = {},
): KubernetesModel {
  const doc = new TextDoc(text);
  const used = new Map<string, CachedChunk[]>();
  const documents: KDocument[] = [];
  for (const chunk of splitDocuments(text)) {
    const reusable = cache.chunks.get(chunk.text);
    let entry = reusable?.pop();
    if (entry) {
      if (entry.start !== chunk.start) {
        const delta = chunk.start - entry.start;
        for (const d of entry.documents) shiftDocument(d, delta);
        entry.start = chunk.start;
      }
    } else entry = { start: chunk.start, documents: parseChunk(chunk) };
    const list = used.get(chunk.text);
    if (list) list.push(entry);
    else used.set(chunk.text, [entry]);
    documents.push(...entry.documents);
  }
  cache.chunks = used;
  documents.forEach((d, i) => {
    d.index = i;
    // Cached manifests are shared between parses; whether the file is a patch can change between them.
    if (d.manifest) d.manifest.partial = d.manifest.patchDirectives || options.patchFile === true;
  });
  return buildModel(doc, documents);
}

/** Cuts the text before every `---` line at column 0 (and before the directives that precede one). */
export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  const re = /^---(?=[ \t\r\n]|$)/gm;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    let cut = m.index;
    // `%YAML 1.2` directives belong to the document whose `---` follows them.
    while (cut > 0) {
      const prevStart = lineStartBefore(text, cut);
      if (text[prevStart] !== '%') break;
      cut = prevStart;
    }
    if (cut > start) {
      chunks.push({ text: text.slice(start, cut), start });
      start = cut;
    }
  }
  chunks.push({ text: text.slice(start), start });
  return chunks;
}

/** The offset where the line before the one starting at `offset` starts. */
function lineStartBefore(text: string, offset: number): number {
  let i = offset - 1;
  if (i >= 0 && text[i] === '\n') i--;
  if (i >= 0 && text[i] === '\r') i--;
  while (i >= 0 && text[i] !== '\n' && text[i] !== '\r') i--;
  return i + 1;
}

function parseChunk(chunk: Chunk): KDocument[] {
  const file = parseYamlFile(chunk.text);
  const out: KDocument[] = [];
  for (const yd of file.documents) {
    const problems: KProblem[] = yd.problems.map((p) => ({
      message: p.message,
      start: file.doc.offsetAt(p.range.start),
      end: file.doc.offsetAt(p.range.end),
      severity: p.severity,
    }));
    const r = yd.ast.range;
    const d: KDocument = {
      index: 0,
      ast: yd.ast,
      contents: yd.contents,
      start: r[0],
      end: r[2],
      problems,
      manifest: null,
    };
    if (chunk.start !== 0) shiftDocument(d, chunk.start);
    d.manifest = toManifest(d);
    out.push(d);
  }
  return out;
}

/** Moves every offset of a document by `delta`: node ranges, the document's span and its problems. */
function shiftDocument(d: KDocument, delta: number): void {
  d.start += delta;
  d.end += delta;
  for (const p of d.problems) {
    p.start += delta;
    p.end += delta;
  }
  const r = d.ast.range;
  d.ast.range = [r[0] + delta, r[1] + delta, r[2] + delta];
  shiftNode(d.contents, delta);
}

function shiftNode(n: unknown, delta: number): void {
  if (!n || typeof n !== 'object') return;
  const node = n as {
    range?: [number, number, number] | null;
    items?: unknown[];
    key?: unknown;
    value?: unknown;
  };
  if (node.range) node.range = [node.range[0] + delta, node.range[1] + delta, node.range[2] + delta];
  if (Array.isArray(node.items)) {
    for (const item of node.items) shiftNode(item, delta);
  } else if ('key' in node && !node.range) {
    // A Pair: it has no range of its own.
    shiftNode(node.key, delta);
    shiftNode(node.value, delta);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Manifests, workloads, containers
// ---------------------------------------------------------------------------------------------------------

function stringScalar(node: Node | null | undefined): Scalar | null {
  const n = deref(node);
  return isScalar(n) && typeof n.value === 'string' ? n : null;
}

function asMap(node: Node | null | undefined): YAMLMap | null {
  const n = deref(node);
  return isMap(n) ? n : null;
}

/** A string-to-string map (labels, annotations); values that are not scalars are left out. */
export function stringMap(node: Node | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entries(node)) {
    const v = deref(e.value);
    if (isScalar(v) && v.value !== null && v.value !== undefined && typeof v.value !== 'object')
      out.set(e.key, String(v.value));
  }
  return out;
}

function toManifest(d: KDocument): Manifest | null {
  const root = asMap(d.contents);
  if (!root) return null;
  const apiVersionNode = stringScalar(get(root, 'apiVersion')?.value);
  const kindNode = stringScalar(get(root, 'kind')?.value);
  if (!apiVersionNode || !kindNode) return null;
  const apiVersion = String(apiVersionNode.value).trim();
  const kind = String(kindNode.value).trim();
  if (!apiVersion || !kind) return null;
  // Kustomize's own files are not objects sent to the API server.
  if (apiVersion.startsWith('kustomize.config.k8s.io/')) return null;
  const slash = apiVersion.lastIndexOf('/');
  const group = slash < 0 ? '' : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  const metadata = asMap(get(root, 'metadata')?.value);
  const nameNode = stringScalar(get(metadata, 'name')?.value);
  const namespace = stringScalar(get(metadata, 'namespace')?.value)?.value as string | undefined;
  const annotations = stringMap(get(metadata, 'annotations')?.value);
  const m: Manifest = {
    document: d,
    root,
    apiVersion,
    group,
    version,
    kind,
    apiVersionNode,
    kindNode,
    metadata,
    name: nameNode ? String(nameNode.value) : undefined,
    nameNode,
    namespace: namespace || undefined,
    labels: stringMap(get(metadata, 'labels')?.value),
    annotations,
    skips: annotationSkips(annotations),
    workload: null,
    partial: false,
    patchDirectives: hasPatchDirective(root),
  };
  m.workload = toWorkload(m);
  if (m.workload) {
    // Annotations on the pod template skip checks too: they are where tools read them for Pods.
    for (const id of annotationSkips(stringMap(get(m.workload.podMetadata, 'annotations')?.value)))
      m.skips.add(id);
  }
  return m;
}

function isWorkloadKind(kind: string): kind is WorkloadKind {
  return Object.prototype.hasOwnProperty.call(WORKLOAD_GROUPS, kind);
}

function toWorkload(m: Manifest): Workload | null {
  if (!isWorkloadKind(m.kind) || !WORKLOAD_GROUPS[m.kind].includes(m.group)) return null;
  const kind = m.kind;
  let spec = asMap(get(m.root, 'spec')?.value);
  let template: YAMLMap | null = null;
  let podMetadata: YAMLMap | null;
  let podSpec: YAMLMap | null;
  if (kind === 'Pod') {
    podMetadata = m.metadata;
    podSpec = spec;
  } else {
    if (kind === 'CronJob') spec = asMap(get(asMap(get(spec, 'jobTemplate')?.value), 'spec')?.value);
    template = asMap(get(spec, 'template')?.value);
    podMetadata = asMap(get(template, 'metadata')?.value);
    podSpec = asMap(get(template, 'spec')?.value);
  }
  const w: Workload = {
    manifest: m,
    kind,
    spec,
    template,
    podMetadata,
    podLabels: stringMap(get(podMetadata, 'labels')?.value),
    podSpec,
    containers: [],
    batch: kind === 'Job' || kind === 'CronJob',
  };
  for (const [key, ckind] of [
    ['initContainers', 'init'],
    ['containers', 'container'],
  ] as const) {
    items(get(podSpec, key)?.value).forEach((item, index) => {
      if (!isMap(item)) return;
      const nameNode = stringScalar(get(item, 'name')?.value);
      const imageNode = stringScalar(get(item, 'image')?.value);
      const c: Container = {
        workload: w,
        node: item,
        kind: ckind,
        index,
        name: nameNode ? String(nameNode.value) : undefined,
        nameNode,
        image: imageNode ? String(imageNode.value).trim() : undefined,
        imageNode,
        sidecar: ckind === 'init' && stringScalar(get(item, 'restartPolicy')?.value)?.value === 'Always',
      };
      w.containers.push(c);
    });
  }
  return w;
}

function buildModel(doc: TextDoc, documents: KDocument[]): KubernetesModel {
  const model: KubernetesModel = {
    doc,
    documents,
    manifests: [],
    workloads: [],
    services: [],
    ingresses: [],
    hpas: [],
    pdbs: [],
    configMaps: [],
    secrets: [],
    networkPolicies: [],
    serviceAccounts: [],
  };
  for (const d of documents) {
    const m = d.manifest;
    if (!m) continue;
    model.manifests.push(m);
    if (m.workload) model.workloads.push(m.workload);
    const core = m.group === '';
    switch (m.kind) {
      case 'Service':
        if (core) model.services.push(m);
        break;
      case 'Ingress':
        if (m.group === 'networking.k8s.io' || m.group === 'extensions') model.ingresses.push(m);
        break;
      case 'HorizontalPodAutoscaler':
        if (m.group === 'autoscaling') model.hpas.push(m);
        break;
      case 'PodDisruptionBudget':
        if (m.group === 'policy') model.pdbs.push(m);
        break;
      case 'ConfigMap':
        if (core) model.configMaps.push(m);
        break;
      case 'Secret':
        if (core) model.secrets.push(m);
        break;
      case 'NetworkPolicy':
        if (m.group === 'networking.k8s.io' || m.group === 'extensions') model.networkPolicies.push(m);
        break;
      case 'ServiceAccount':
        if (core) model.serviceAccounts.push(m);
        break;
    }
  }
  return model;
}

/** A model of one document of `model` (the same text and name), to run a rule on that document alone. */
export function documentModel(model: KubernetesModel, d: KDocument): KubernetesModel {
  const sub = buildModel(model.doc, [d]);
  if (model.file !== undefined) sub.file = model.file;
  sub.whole = model.whole ?? model;
  return sub;
}

import type { IndexedObject, KubernetesIndex } from '../../core/kubernetes-index';
import { exactOffsets, keptReport, partAt, Replay, ruleSlot, type KeptReport } from '../../core/kept-reports';
import type { AnalysisSettings, Host, Report, Rule, RuleContext } from '../../core/rule';
import type { TextDoc } from '../../core/text';
import type { KDocument, KubernetesModel } from './model';
import { documentModel } from './parse';
import { ownObjects } from './workspace';

/**
 * What a rule reported on each document, kept between analyses so that an edit re-runs a rule only on the
 * document it changed (a 600-document file otherwise runs every rule over every document per keystroke).
 *
 * Only rules whose reads are known are cached, each read for it: `DOCUMENT_RULES` read their document alone;
 * `VIEW_RULES` also the workspace view (the summaries of the file's objects and the index); `MODEL_READS`
 * also named lists of the model (every ServiceAccount, every Service…). A document's results are reused
 * while its `KDocument` is the same (the parser reuses one only for the same text), with the same file name,
 * settings and patch flag, and the same "world": the view's summaries and index, and the documents of the
 * lists read. `test/kubernetes-rule-cache.test.ts` runs each one document at a time against the whole file
 * and checks their sources. Every other rule runs over the whole model on every analysis.
 *
 * What is kept is what the rule reported, before configuration and suppressions, which apply afresh to every
 * replay. Ranges are kept as offsets from the document's start, so they follow the document when text above
 * it changes. Fixes are never kept: a replayed finding's fix runs the rule again over the model it was
 * replayed for (once per rule and analysis) and takes the fix of the same report, since a fix may read the
 * rest of the file (an existing Secret to move a value into, the file's indentation) and must be built
 * against the current text; a document moved by a later parse gets no fix rather than a wrong one.
 */
export const DOCUMENT_RULES: ReadonlySet<string> = new Set([
  'kubernetes/configmap-secret',
  'kubernetes/container-name',
  'kubernetes/container-ports',
  'kubernetes/dangerous-capabilities',
  'kubernetes/default-service-account',
  'kubernetes/deprecated-api',
  'kubernetes/deprecated-service-account',
  'kubernetes/docker-socket',
  'kubernetes/duplicate-env',
  'kubernetes/env-secret',
  'kubernetes/host-namespaces',
  'kubernetes/host-path',
  'kubernetes/host-port',
  'kubernetes/host-process',
  'kubernetes/hpa-replicas',
  'kubernetes/image-pull-policy',
  'kubernetes/image-tag',
  'kubernetes/ingress-tls',
  'kubernetes/invalid-metadata',
  'kubernetes/invalid-port',
  'kubernetes/job-ttl',
  'kubernetes/missing-resources',
  'kubernetes/missing-startup-probe',
  'kubernetes/pdb-budget',
  'kubernetes/priority-class',
  'kubernetes/privileged',
  'kubernetes/probe-port',
  'kubernetes/proc-mount',
  'kubernetes/rbac-wildcard',
  'kubernetes/requests-exceed-limits',
  'kubernetes/rolling-update',
  'kubernetes/seccomp',
  'kubernetes/secret-base64',
  'kubernetes/security-context',
  'kubernetes/selector-mismatch',
  'kubernetes/spread-replicas',
  'kubernetes/syntax-error',
  'kubernetes/unsafe-sysctls',
]);

/**
 * Rules that read other documents only through the workspace view (`workspaceView`: the summaries of the
 * file's objects and the index's): their results on a document are kept while its text and every summary
 * stay the same, so editing a ConfigMap's data does not re-run Service selectors, but a label does.
 */
export const VIEW_RULES: ReadonlySet<string> = new Set([
  'kubernetes/hpa-target',
  'kubernetes/ingress-backend',
  'kubernetes/missing-reference',
  'kubernetes/networkpolicy-selector',
  'kubernetes/pdb-min-available',
  'kubernetes/pdb-selector',
  'kubernetes/service-selector',
  'kubernetes/servicemonitor-selector',
]);

/** The model's lists of objects a rule may read from other documents. */
export type Collection = 'workloads' | 'services' | 'serviceAccounts' | 'configMaps' | 'secrets';

/**
 * Rules that read other documents' objects straight from the model, and which lists: their results on a
 * document are kept while its text and the documents in those lists stay the same (an edited ConfigMap
 * does not re-run probes; an edited Service does). Run on one document, they get those lists whole.
 */
export const MODEL_READS: ReadonlyMap<string, readonly Collection[]> = new Map([
  ['kubernetes/automount-token', ['serviceAccounts']],
  ['kubernetes/hpa-target', ['workloads']],
  ['kubernetes/missing-probes', ['services']],
  // The keys of a ConfigMap or Secret of the same file that a `valueFrom` reads.
  ['kubernetes/missing-reference', ['configMaps', 'secrets']],
]);

/** Whether a rule's results are kept per document. */
export function cachedRule(id: string): boolean {
  return DOCUMENT_RULES.has(id) || VIEW_RULES.has(id) || MODEL_READS.has(id);
}

/** The model a rule runs on for one document: that document, and the lists it reads from the others. */
export function ruleModel(model: KubernetesModel, d: KDocument, id: string): KubernetesModel {
  const sub = documentModel(model, d);
  for (const c of MODEL_READS.get(id) ?? []) Object.assign(sub, { [c]: model[c] });
  return sub;
}

interface DocEntry {
  key: string;
  /** Rule id → what it reported on the document, and for VIEW_RULES the objects it saw (`world`). */
  runs: ({ world: string; stored: readonly KeptReport[] } | undefined)[];
}

type Ctx = RuleContext<KubernetesModel>;

const entries = new WeakMap<KDocument, DocEntry>();

/** Above this share of documents without results, one run over the whole file beats one run per document. */
const WHOLE_FILE_SHARE = 0.25;

/** The `run` hook of core/analyze for a Kubernetes model (see above). */
export function cachedRuleRunner(
  model: KubernetesModel,
  owner: object,
): (rule: Rule<KubernetesModel>, ctx: Ctx) => void {
  const docs = model.documents;
  const doc = model.doc;
  let current: DocEntry[] | undefined;
  let seenObjects: string | undefined;
  const seenLists = new Map<Collection, number>();

  function entriesFor(settings: AnalysisSettings): DocEntry[] {
    if (current) return current;
    const base = `${model.file ?? ''}\0${JSON.stringify(settings)}`;
    current = docs.map((d) => {
      const key = `${base}\0${d.manifest?.partial === true}`;
      let e = entries.get(d);
      if (e?.key !== key) {
        e = { key, runs: [] };
        entries.set(d, e);
      }
      return e;
    });
    return current;
  }

  /** What VIEW_RULES see beyond the document, as a short key: the index, and the file's summaries. */
  function worldOf(rule: Rule<KubernetesModel>, host: Host): string {
    let world = '';
    if (VIEW_RULES.has(rule.id))
      world = seenObjects ??= `${indexId(host.kubernetes)}:${objectsId(owner, model)}`;
    for (const c of MODEL_READS.get(rule.id) ?? []) {
      let id = seenLists.get(c);
      if (id === undefined) seenLists.set(c, (id = listId(owner, model, c)));
      world += `|${c}:${id}`;
    }
    return world;
  }

  return (rule, ctx) => {
    if (!cachedRule(rule.id) || docs.length === 0) {
      rule.check(ctx);
      return;
    }
    const list = entriesFor(ctx.settings);
    const world = worldOf(rule, ctx.host);
    let stale = 0;
    const slot = ruleSlot(rule.id);
    for (let i = 0; i < list.length; i++) if ((list[i] as DocEntry).runs[slot]?.world !== world) stale++;
    if (stale > 0 && stale >= docs.length * WHOLE_FILE_SHARE) {
      wholeFile(rule, ctx, list, world);
      return;
    }
    const replay = new Replay(rule, ctx);
    /** Passes on a report of document `d` at offsets `start`..`end` of the file. */
    const emit = (d: KDocument, start: number, end: number, s: KeptReport): void => {
      const at = d.start;
      // The document must still be where it was: a later parse moves the nodes a fix is built from.
      replay.emit(start, end, s, () => d.start === at);
    };
    let failure: unknown;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i] as KDocument;
      const entry = list[i] as DocEntry;
      const run = entry.runs[slot];
      let stored = run?.world === world ? run.stored : undefined;
      if (!stored) {
        const reports: Report[] = [];
        try {
          rule.check({ ...ctx, model: ruleModel(model, d, rule.id), report: (r) => reports.push(r) });
          stored = toStored(doc, d, reports);
          if (stored) entry.runs[slot] = { world, stored };
        } catch (e) {
          failure ??= e;
        }
        // Reports that cannot be kept (a range outside the document) are passed on as they are.
        if (!stored) {
          for (const r of reports) {
            const start = doc.offsetAt(r.at.start);
            const end = doc.offsetAt(r.at.end);
            emit(d, start, end, keptReport(r, start, end));
          }
          continue;
        }
      }
      for (const s of stored) emit(d, d.start + s.start, d.start + s.end, s);
    }
    if (failure !== undefined) throw failure;
  };

  /** Runs the rule over the whole file, passes its reports on, and keeps them by document. */
  function wholeFile(rule: Rule<KubernetesModel>, ctx: Ctx, list: DocEntry[], world: string): void {
    const reports: Report[] = [];
    try {
      rule.check({ ...ctx, report: (r) => reports.push(r) });
    } finally {
      for (const r of reports) ctx.report(r);
    }
    const byDoc = docs.map((): KeptReport[] => []);
    for (const r of reports) {
      const at = exactOffsets(doc, r);
      const i = at ? partAt(docs, at.start) : -1;
      const d = docs[i];
      if (!at || !d || at.start < d.start || at.end > d.end) return;
      byDoc[i]?.push(keptReport(r, at.start - d.start, at.end - d.start));
    }
    const slot = ruleSlot(rule.id);
    list.forEach((e, i) => (e.runs[slot] = { world, stored: byDoc[i] ?? [] }));
  }
}

const indexIds = new WeakMap<KubernetesIndex, number>();
let lastId = 0;

/** A number for each index snapshot (the language server makes a new one whenever an entry changes). */
function indexId(index: KubernetesIndex | undefined): number {
  if (!index) return 0;
  let id = indexIds.get(index);
  if (id === undefined) indexIds.set(index, (id = ++lastId));
  return id;
}

const objectTexts = new WeakMap<IndexedObject, string>();
const lastTexts = new WeakMap<object, Map<string, { text: string; id: number }>>();

/** The same number for the same text of one scope as last time, else a new one. */
function textId(owner: object, scope: string, text: string): number {
  let texts = lastTexts.get(owner);
  if (!texts) lastTexts.set(owner, (texts = new Map()));
  const last = texts.get(scope);
  if (last?.text === text) return last.id;
  const id = ++lastId;
  // One entry per scope (a file's name and what it describes): other text than last time gets a new number.
  texts.set(scope, { text, id });
  return id;
}

const documentIds = new WeakMap<KDocument, number>();

/** A number for the documents of a list (the parser keeps a document's object while its text is the same). */
function listId(owner: object, model: KubernetesModel, c: Collection): number {
  const text = model[c]
    .map((o) => {
      const m = 'manifest' in o ? o.manifest : o;
      let id = documentIds.get(m.document);
      if (id === undefined) documentIds.set(m.document, (id = ++lastId));
      return m.partial ? `${id}p` : String(id);
    })
    .join(',');
  return textId(owner, `${model.file ?? ''}\0${c}`, text);
}

/**
 * A number for the summaries of a file's objects, the same while they are: summaries of unchanged documents
 * are reused (`ownObjects`), so only an edited document's is written out again.
 */
function objectsId(owner: object, model: KubernetesModel): number {
  const text = ownObjects(model)
    .map((o) => {
      let t = objectTexts.get(o);
      if (t === undefined) objectTexts.set(o, (t = JSON.stringify(o)));
      return t;
    })
    .join('\n');
  return textId(owner, `${model.file ?? ''}\0objects`, text);
}

/** What to keep of a document's reports, or undefined when one cannot be placed in it exactly. */
function toStored(doc: TextDoc, d: KDocument, reports: readonly Report[]): KeptReport[] | undefined {
  const out: KeptReport[] = [];
  for (const r of reports) {
    const at = exactOffsets(doc, r);
    if (!at || at.start < d.start || at.end > d.end) return undefined;
    out.push(keptReport(r, at.start - d.start, at.end - d.start));
  }
  return out;
}

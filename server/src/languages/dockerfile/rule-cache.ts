import { exactOffsets, keptReport, partAt, Replay, ruleSlot, type KeptReport } from '../../core/kept-reports';
import type { AnalysisSettings, Host, Report, Rule, RuleContext } from '../../core/rule';
import type { DInstruction, DockerfileModel, Stage } from './model';

/**
 * What a rule reported on each stage, kept between analyses so that an edit re-runs a rule only on the
 * stage it changed (a 50-stage, 2,000-line file otherwise runs 60 rules over every instruction per
 * keystroke).
 *
 * The file is cut into units: the lines before the first FROM, then each stage from its FROM to the next
 * FROM. Cached rules are those whose reports inside a stage's unit depend only on the text of that unit,
 * of the units of the stages it is built FROM, and of the lines before the first FROM (global ARGs, parser
 * directives), given the stage's index, the number of stages, whether the stage ships (the final stage and
 * the stages it is built FROM) and the settings: the rules that declare
 * `instructionLocal`, and `STAGE_RULES`, which judge a stage's steps together. A unit's results are reused
 * while that text is the same; `test/dockerfile-rule-cache.test.ts` runs each one a stage at a time against
 * the whole file. Rules that read other stages (COPY --from, stage names, the final stage) or the whole
 * file (casing, directives, syntax) run over the whole model on every analysis.
 *
 * What a rule asks the host (does `package-lock.json` exist?) is recorded with its results, and they are
 * reused only while the host gives the same answers (the language server's host keeps its answers until
 * a file changes, so asking again is a lookup).
 *
 * What is kept is what the rule reported, before configuration and suppressions, which apply afresh to
 * every replay. Ranges are kept as offsets from the unit's start, so they follow the unit. Fixes are never
 * kept: a fix asked for runs the rule over the current model once per rule and analysis and takes the fix
 * of the same report (the engine builds it from a fresh analysis instead once a later parse moved the
 * model, see Engine.analyze).
 */
export const STAGE_RULES: ReadonlySet<string> = new Set([
  'dockerfile/copy-before-install',
  'dockerfile/copy-ignored-file',
  'dockerfile/copy-multiple-sources-dir',
  'dockerfile/copy-relative-without-workdir',
  'dockerfile/from-as-casing',
  'dockerfile/from-platform-flag-const-disallowed',
  'dockerfile/invalid-base-image-platform',
  'dockerfile/invalid-default-arg-in-from',
  'dockerfile/json-args',
  'dockerfile/label-schema',
  'dockerfile/maintainer-deprecated',
  'dockerfile/missing-healthcheck',
  'dockerfile/multiple-instructions',
  'dockerfile/no-cd-in-run',
  'dockerfile/no-empty-continuation',
  'dockerfile/no-latest-tag',
  'dockerfile/redundant-target-platform',
  'dockerfile/reserved-stage-name',
  'dockerfile/stage-name-casing',
  'dockerfile/undefined-var',
  'dockerfile/wget-and-curl',
  'dockerfile/workdir-absolute',
]);

/**
 * Rules that judge one instruction but offer their fix only when no later stage built on this one needs
 * what it removes (the apt lists): whether a finding is fixable depends on those stages.
 */
export const NOT_KEPT: ReadonlySet<string> = new Set(['dockerfile/apt-lists-not-removed']);

/** Whether a rule's results are kept per stage. */
export function cachedRule(rule: Pick<Rule, 'id' | 'instructionLocal'>): boolean {
  return (rule.instructionLocal === true || STAGE_RULES.has(rule.id)) && !NOT_KEPT.has(rule.id);
}

/** A question a rule asked the host, and the answer it got. */
type Asked = { op: 'exists' | 'read' | 'outside'; path: string; answer: unknown };

interface Run {
  /** Offsets from the unit's start. */
  stored: readonly KeptReport[];
  /** What the run asked the host (one list shared by every unit the run kept results for). */
  asked: readonly Asked[];
}

interface Entry {
  /** By rule slot: what the rule reported in the unit. */
  runs: (Run | undefined)[];
}

interface Unit {
  start: number;
  end: number;
  /** Null for the lines before the first FROM. */
  stage: Stage | null;
  entry: Entry;
}

/** What a stage's unit was made of in the last analysis, and the number its text got. */
interface Seen {
  instructions: readonly DInstruction[];
  /** The FROM that ended the unit, or null at the end of the file. */
  next: DInstruction | null;
  id: number;
}

/** Per document (its parse cache): the numbers of the last analysis' unit texts, and its entries by key. */
interface Store {
  prelude: { text: string; id: number } | undefined;
  stages: Map<DInstruction, Seen>;
  /** The settings, and their number. */
  settings: { text: string; id: number };
  /** A number for each chain of stage texts (`parent's chain/own text`). */
  chains: Map<string, number>;
  entries: Map<string, Entry>;
}

const stores = new WeakMap<object, Store>();
let lastTextId = 0;

/** Above this share of stale units, one run over the whole file beats a run over a part of it. */
const WHOLE_FILE_SHARE = 0.25;

type Ctx = RuleContext<DockerfileModel>;

/** The `run` hook of core/analyze for a Dockerfile model (see above); `owner` is the document's parse cache. */
export function cachedRuleRunner(
  model: DockerfileModel,
  owner: object,
): (rule: Rule<DockerfileModel>, ctx: Ctx) => void {
  const doc = model.doc;
  let units: Unit[] | undefined;
  const parts = new Map<string, DockerfileModel>();
  /** Whether the host still answers each recorded list as it did (asked once per list and analysis). */
  const stillSo = new WeakMap<readonly Asked[], boolean>();

  function unitsFor(settings: AnalysisSettings): Unit[] {
    if (units) return units;
    const last = stores.get(owner);
    const store: Store = {
      prelude: undefined,
      settings: { text: '', id: 0 },
      stages: new Map(),
      chains: new Map(),
      entries: new Map(),
    };
    const chains: number[] = [];
    stores.set(owner, store);
    const starts = model.stages.map((s) => doc.offsetAt(s.from.range.start));
    const bounds = [0, ...starts, doc.text.length];
    const preludeText = doc.text.slice(0, bounds[1]);
    store.prelude = {
      text: preludeText,
      id: last?.prelude?.text === preludeText ? last.prelude.id : ++lastTextId,
    };
    // A stage's text is the same as last time when its instructions and the FROM after it are the same
    // objects: the parser reuses an instruction only with the chunk of text it was read from, and every
    // line of a stage lies in a chunk holding one of those instructions. (The text before the first FROM
    // may lie in a chunk of comments alone: it is compared as text.)
    const ids = [store.prelude.id];
    for (const s of model.stages) {
      const next = model.stages[s.index + 1]?.from ?? null;
      const seen = last?.stages.get(s.from);
      const same =
        seen !== undefined &&
        seen.next === next &&
        seen.instructions.length === s.instructions.length &&
        seen.instructions.every((ins, i) => ins === s.instructions[i]);
      const id = same ? seen.id : ++lastTextId;
      store.stages.set(s.from, { instructions: s.instructions, next, id });
      ids.push(id);
    }
    const text = JSON.stringify(settings);
    store.settings = { text, id: last?.settings.text === text ? last.settings.id : ++lastTextId };
    const base = `${store.settings.id}:${model.stages.length}:${ids[0]}`;
    const entryFor = (key: string): Entry => {
      let e = store.entries.get(key);
      if (!e) store.entries.set(key, (e = last?.entries.get(key) ?? { runs: [] }));
      return e;
    };
    // Whether a stage ships (the final stage and the stages it is built FROM): rules judge those alone.
    const shipped = new Set<Stage>();
    for (let p = model.stages[model.stages.length - 1] ?? null; p && !shipped.has(p); p = p.parent)
      shipped.add(p);
    units = [{ start: 0, end: bounds[1] as number, stage: null, entry: entryFor(`${base}:p`) }];
    for (const s of model.stages) {
      // The texts of the stage and its parents, as one number (a chain of thousands of stages must not
      // make keys of thousands of numbers each).
      const parentChain = s.parent ? chains[s.parent.index] : 0;
      const chainKey = `${parentChain}/${ids[s.index + 1]}`;
      let chain = store.chains.get(chainKey) ?? last?.chains.get(chainKey);
      if (chain === undefined) chain = ++lastTextId;
      store.chains.set(chainKey, chain);
      chains.push(chain);
      units.push({
        start: bounds[s.index + 1] as number,
        end: bounds[s.index + 2] as number,
        stage: s,
        entry: entryFor(`${base}:${s.index}${shipped.has(s) ? 's' : ''}:${chain}`),
      });
    }
    return units;
  }

  function fresh(run: Run | undefined, host: Host): run is Run {
    if (!run) return false;
    if (run.asked.length === 0) return true;
    let ok = stillSo.get(run.asked);
    if (ok === undefined) {
      ok = run.asked.every((a) => Object.is(ask(host, a.op, a.path), a.answer));
      stillSo.set(run.asked, ok);
    }
    return ok;
  }

  return (rule, ctx) => {
    if (!cachedRule(rule) || model.stages.length === 0) {
      rule.check(ctx);
      return;
    }
    const list = unitsFor(ctx.settings);
    const slot = ruleSlot(rule.id);
    const stale = list.filter((u) => !fresh(u.entry.runs[slot], ctx.host));
    if (stale.length > 0 && (stale[0]?.stage === null || stale.length > list.length * WHOLE_FILE_SHARE)) {
      wholeFile(rule, ctx, list, slot);
      return;
    }
    if (stale.length > 0 && !runOn(rule, ctx, list, stale, slot)) return;
    const replay = new Replay(rule, ctx);
    for (const u of list)
      for (const s of u.entry.runs[slot]?.stored ?? []) replay.emit(u.start + s.start, u.start + s.end, s);
  };

  /** Runs the rule over the whole file, passes its reports on, and keeps them by unit. */
  function wholeFile(rule: Rule<DockerfileModel>, ctx: Ctx, list: Unit[], slot: number): void {
    const reports: Report[] = [];
    const asked: Asked[] = [];
    try {
      rule.check({ ...ctx, host: recording(ctx.host, asked), report: (r) => reports.push(r) });
    } finally {
      for (const r of reports) ctx.report(r);
    }
    const byUnit = keep(reports, list, () => true);
    if (byUnit) list.forEach((u, i) => (u.entry.runs[slot] = { stored: byUnit[i] ?? [], asked }));
  }

  /**
   * Runs the rule over the stale stages only (with the stages they are built on for context) and keeps its
   * reports in them. When a report cannot be kept, the rule runs over the whole file instead, which passes
   * its reports on itself: false then.
   */
  function runOn(rule: Rule<DockerfileModel>, ctx: Ctx, list: Unit[], stale: Unit[], slot: number): boolean {
    const indexes = stale.map((u) => (u.stage as Stage).index);
    const key = indexes.join(',');
    let part = parts.get(key);
    if (!part) parts.set(key, (part = partOf(model, indexes)));
    const reports: Report[] = [];
    const asked: Asked[] = [];
    rule.check({ ...ctx, model: part, host: recording(ctx.host, asked), report: (r) => reports.push(r) });
    const wanted = new Set(stale);
    const byUnit = keep(reports, list, (u) => wanted.has(u));
    if (!byUnit) {
      wholeFile(rule, ctx, list, slot);
      return false;
    }
    list.forEach((u, i) => {
      if (wanted.has(u)) u.entry.runs[slot] = { stored: byUnit[i] ?? [], asked };
    });
    return true;
  }

  /**
   * The reports in the units `wanted` accepts, by unit, as offsets from the unit's start; undefined when
   * one cannot be kept (it ends past its unit, or a position does not survive the trip through offsets).
   */
  function keep(reports: Report[], list: Unit[], wanted: (u: Unit) => boolean): KeptReport[][] | undefined {
    const byUnit: KeptReport[][] = [];
    for (const r of reports) {
      const at = exactOffsets(doc, r);
      const i = partAt(list, at?.start ?? doc.offsetAt(r.at.start));
      const u = list[i] as Unit;
      if (!wanted(u)) continue;
      if (!at || at.end > u.end) return undefined;
      (byUnit[i] ??= []).push(keptReport(r, at.start - u.start, at.end - u.start));
    }
    return byUnit;
  }
}

/** The host a cached rule runs with: it answers as `host` does and notes what was asked into `asked`. */
function recording(host: Host, asked: Asked[]): Host {
  const note = (op: Asked['op'], path: string): unknown => {
    const answer = ask(host, op, path);
    asked.push({ op, path, answer });
    return answer;
  };
  const out: Host = { ...host, exists: (path) => note('exists', path) as boolean | undefined };
  if (host.read) out.read = (path) => note('read', path) as string | undefined;
  if (host.outside) out.outside = (path) => note('outside', path) as boolean;
  return out;
}

function ask(host: Host, op: Asked['op'], path: string): unknown {
  return op === 'exists' ? host.exists(path) : op === 'read' ? host.read?.(path) : host.outside?.(path);
}

/**
 * The model a rule sees when it runs on some stages only: every stage stays (stage indexes, names and
 * parents are as they were), and only those stages and the stages they are built on keep their steps.
 */
export function partOf(model: DockerfileModel, indexes: readonly number[]): DockerfileModel {
  const needed = new Set<number>();
  for (const i of indexes)
    for (let p: Stage | null = model.stages[i] ?? null; p && !needed.has(p.index); p = p.parent)
      needed.add(p.index);
  // The other stages keep an empty FROM: rules skip them quickly, and what they would report there is
  // not kept anyway.
  const stages: Stage[] = model.stages.map((s) => {
    if (needed.has(s.index)) return { ...s, parent: null };
    const from = emptyFrom(s.from);
    return { ...s, parent: null, from, image: null, instructions: [from] };
  });
  const instructions = model.instructions.filter((i) => i.stage < 0);
  for (const s of model.stages) {
    (stages[s.index] as Stage).parent = s.parent ? (stages[s.parent.index] ?? null) : null;
    if (needed.has(s.index)) for (const i of s.instructions) instructions.push(i);
  }
  return { ...model, stages, instructions };
}

/** The empty stand-in of each FROM, kept as long as the FROM (its ranges are the FROM's own objects). */
const emptyFroms = new WeakMap<DInstruction, DInstruction>();

function emptyFrom(from: DInstruction): DInstruction {
  let empty = emptyFroms.get(from);
  if (!empty) emptyFroms.set(from, (empty = { ...from, args: [], flags: [], argsRange: null }));
  // The stage index is the only part of a FROM a later parse changes in place.
  empty.stage = from.stage;
  return empty;
}

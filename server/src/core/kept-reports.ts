import type { Report, Rule, RuleContext, Severity } from './rule';
import type { TextDoc } from './text';

/**
 * What the rule caches of a file kind (a Kubernetes file's documents, a Dockerfile's stages) keep of a
 * rule's report between analyses: what it said, at offsets from the start of the part of the file it lies
 * in, so it follows that part when text above it changes. Never the fix: see `Replay`.
 */
export interface KeptReport {
  start: number;
  end: number;
  messageId: string;
  severity: Severity | undefined;
  data: Record<string, string | number> | undefined;
  /** `data` as text, to tell reports apart when their fixes are asked for. */
  dataKey: string;
  aliases: readonly string[] | undefined;
  fixable: boolean;
}

/** A report as kept, at offsets `start`..`end` from its part's start. */
export function keptReport(r: Report, start: number, end: number): KeptReport {
  return {
    start,
    end,
    messageId: r.messageId,
    severity: r.severity,
    data: r.data,
    dataKey: dataKey(r),
    aliases: r.aliases,
    fixable: r.fix !== undefined,
  };
}

/**
 * A report's offsets in the file, or undefined when a position does not read back as itself (one past a
 * line's end): such a report cannot be kept as offsets.
 */
export function exactOffsets(doc: TextDoc, r: Report): { start: number; end: number } | undefined {
  const start = doc.offsetAt(r.at.start);
  const end = doc.offsetAt(r.at.end);
  return exact(doc, start, r.at.start) && exact(doc, end, r.at.end) ? { start, end } : undefined;
}

function exact(doc: TextDoc, offset: number, p: { line: number; character: number }): boolean {
  const q = doc.positionAt(offset);
  return q.line === p.line && q.character === p.character;
}

/** The index of the last part (in file order) starting at or before an offset. */
export function partAt(parts: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((parts[mid]?.start ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const slots = new Map<string, number>();

/** A small number per rule id: each part keeps its rules' results in an array, read many times an edit. */
export function ruleSlot(id: string): number {
  let slot = slots.get(id);
  if (slot === undefined) slots.set(id, (slot = slots.size));
  return slot;
}

type Build = NonNullable<Report['fix']>;

/**
 * Passes kept reports of one rule on to one analysis. A fix asked for runs the rule once over the model of
 * `ctx` (the whole current file) and takes the fix of the same report, since a fix may read the rest of the
 * file and must be built against the current text.
 */
export class Replay<M> {
  private readonly seen = new Map<string, number>();
  private fixes: Map<string, Build[]> | undefined;

  constructor(
    private readonly rule: Rule<M>,
    private readonly ctx: RuleContext<M>,
  ) {}

  /** Reports `s` at offsets `start`..`end` of the file; `valid` says whether its fix may still be built. */
  emit(start: number, end: number, s: KeptReport, valid?: () => boolean): void {
    const r: Report = { at: this.ctx.doc.rangeOf(start, end), messageId: s.messageId };
    if (s.severity) r.severity = s.severity;
    if (s.data) r.data = s.data;
    if (s.aliases) r.aliases = s.aliases;
    if (s.fixable) {
      const k = reportKey(start, end, s.messageId, s.dataKey);
      const nth = this.seen.get(k) ?? 0;
      this.seen.set(k, nth + 1);
      r.fix = () => (valid && !valid() ? undefined : this.fixIndex().get(k)?.[nth]?.());
    }
    this.ctx.report(r);
  }

  private fixIndex(): Map<string, Build[]> {
    if (this.fixes) return this.fixes;
    const built = new Map<string, Build[]>();
    this.fixes = built;
    const doc = this.ctx.doc;
    try {
      this.rule.check({
        ...this.ctx,
        report(r) {
          if (!r.fix) return;
          const k = reportKey(doc.offsetAt(r.at.start), doc.offsetAt(r.at.end), r.messageId, dataKey(r));
          const list = built.get(k);
          if (list) list.push(r.fix);
          else built.set(k, [r.fix]);
        },
      });
    } catch {
      // The finding's own analysis reported the failure; its fix is simply not offered.
    }
    return built;
  }
}

function dataKey(r: Report): string {
  return r.data ? JSON.stringify(r.data) : '';
}

function reportKey(start: number, end: number, messageId: string, data: string): string {
  return `${start}:${end}:${messageId}:${data}`;
}

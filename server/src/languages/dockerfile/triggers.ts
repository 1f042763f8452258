import type { Range } from '../../core/text';
import type { DInstruction, DockerfileModel, ParseProblem, Stage } from './model';

/**
 * ONBUILD triggers as the instructions they are. `ONBUILD RUN apt-get install curl` runs in every build
 * FROM this image (BuildKit's dispatchOnbuild stores the text; a later build, or a stage of this file built
 * FROM this one, runs it), so the checks that judge one instruction at a time should judge it. Rather than
 * teach each rule about ONBUILD, the engine runs the rules that declare `instructionLocal` over a second
 * reading of the file, this view, where each trigger stands in its stage in place of its ONBUILD and keeps
 * its document ranges, so findings and fixes land on the trigger's text.
 *
 * The view holds only what gives a trigger its context in the child build: FROM (the base image, hence
 * the shell family and package manager), ENV, SHELL and USER, which the image config carries over, and
 * WORKDIR. The stage's own RUN, COPY, CMD… are left out, since the trigger runs in another build: a rule
 * never counts a RUN of the parent as cleaning up after a trigger. ARG is left out too, since build
 * arguments do not reach the child: a variable only an ARG defines is unknown there, and rules stay quiet
 * on unknown values. Stage-structural rules (USER, HEALTHCHECK, WORKDIR, stage chains) never see the view.
 */
export interface TriggerView {
  model: DockerfileModel;
  triggers: DInstruction[];
}

const CONTEXT = new Set(['FROM', 'ENV', 'SHELL', 'USER', 'WORKDIR']);

/** One view per model: the engine asks once per analysis, and only files with ONBUILD build one. */
const views = new WeakMap<DockerfileModel, TriggerView | null>();

/** The triggers of the file's ONBUILD instructions in a model of their own, or null when there are none. */
export function triggerView(model: DockerfileModel): TriggerView | null {
  const known = views.get(model);
  if (known !== undefined) return known;
  const view = model.instructions.some((i) => i.trigger && i.stage >= 0) ? buildView(model) : null;
  views.set(model, view);
  return view;
}

function buildView(model: DockerfileModel): TriggerView {
  const triggers: DInstruction[] = [];
  const stages: Stage[] = model.stages.map((s) => ({ ...s, parent: null, instructions: [] }));
  // Only stages with triggers, and the stages they are built on, need their context: in the others the
  // rules would only report on context lines, whose findings belong to the file's own pass.
  const needed = new Set<number>();
  for (const s of model.stages)
    if (s.instructions.some((i) => i.keyword === 'ONBUILD' && i.trigger))
      for (let p: Stage | null = s; p && !needed.has(p.index); p = p.parent) needed.add(p.index);
  for (const s of model.stages) {
    const copy = stages[s.index] as Stage;
    copy.parent = s.parent ? (stages[s.parent.index] ?? null) : null;
    for (const ins of s.instructions) {
      const t = ins.keyword === 'ONBUILD' ? ins.trigger : null;
      if (t) {
        t.stage = s.index;
        triggers.push(t);
        copy.instructions.push(t);
      } else if (ins.keyword === 'FROM' || (needed.has(s.index) && CONTEXT.has(ins.keyword)))
        copy.instructions.push(ins);
    }
  }
  const instructions = [...model.globalArgs, ...stages.flatMap((s) => s.instructions)];
  return {
    model: { ...model, instructions, stages, problems: [], syntaxErrors: [] },
    triggers,
  };
}

/** Whether a range lies within one of the view's triggers: findings elsewhere belong to the file's own pass. */
export function inTrigger(view: TriggerView, range: Range): boolean {
  return view.triggers.some((t) => !before(range.start, t.range.start) && !before(t.range.end, range.end));
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * BuildKit reads a trigger in two steps. Building this image, the parser splits the line (`parseSubCommand`)
 * and `parseOnBuild` refuses ONBUILD, FROM and MAINTAINER as triggers; the only other errors it can raise
 * then are the parser's own, which ENV and LABEL words get (`must have two arguments`, `can't find =`).
 * Everything else (an unknown instruction, `COPY a`, `EXPOSE` alone, a bad flag or quote) is checked by
 * `instructions.Parse` only when the trigger runs, in a build FROM this image. Those errors are moved from
 * the chunk's builder errors onto the ONBUILD (`triggerErrors`); `onbuild-trigger-invalid` reports them.
 */
const PARSED_NOW = /ONBUILD|must have two arguments|can't find =/;

export function splitTriggerErrors<E extends ParseProblem>(instructions: DInstruction[], errors: E[]): E[] {
  const onbuilds = instructions.filter((i) => i.trigger);
  if (onbuilds.length === 0) return errors;
  return errors.filter((e) => {
    if (PARSED_NOW.test(e.message)) return true;
    const at = onbuilds.find((i) => within(e.range, (i.trigger as DInstruction).range));
    if (!at) return true;
    (at.triggerErrors ??= []).push({ message: e.message, range: e.range });
    return false;
  });
}

function within(inner: Range, outer: Range): boolean {
  return !before(inner.start, outer.start) && !before(outer.end, inner.start);
}

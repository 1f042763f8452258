import { defineRule, type RuleContext } from '../../core/rule';
import type { Range } from '../../core/text';
import { replace } from '../../fixes/text';
import {
  scopeAt,
  substitute,
  unquote,
  type DInstruction,
  type DockerfileModel,
  type Stage,
} from '../../languages/dockerfile';

/** Edit distance counting a swap of neighbouring letters as one edit (optimal string alignment). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number): number => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(
        at(i - 1, j) + 1,
        at(i, j - 1) + 1,
        at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  return at(a.length, b.length);
}

/** The closest earlier stage name, if the reference is plausibly a typo of it. */
function closestStage(ref: string, candidates: Stage[]): Stage | undefined {
  let best: Stage | undefined;
  let bestD = Infinity;
  for (const s of candidates) {
    if (!s.name) continue;
    const dist = distance(ref, s.name);
    if (dist <= 2 && dist * 3 <= Math.max(ref.length, s.name.length) && dist < bestD) {
      best = s;
      bestD = dist;
    }
  }
  return best;
}

/** `from=` values of `RUN --mount=…` flags, with their ranges. */
function mountSources(
  ctx: RuleContext<DockerfileModel>,
  ins: DInstruction,
): { value: string; range: Range }[] {
  const out: { value: string; range: Range }[] = [];
  for (const f of ins.flags) {
    const vr = f.valueRange;
    if (f.name !== 'mount' || !f.value || !vr || vr.start.line !== vr.end.line) continue;
    if (ctx.doc.getText(vr) !== f.value) continue;
    const base = ctx.doc.offsetAt(vr.start);
    let offset = 0;
    for (const part of f.value.split(',')) {
      const m = /^from=/i.exec(part);
      if (m && part.length > m[0].length) {
        const start = base + offset + m[0].length;
        out.push({
          value: part.slice(m[0].length),
          range: ctx.doc.rangeOf(start, base + offset + part.length),
        });
      }
      offset += part.length + 1;
    }
  }
  return out;
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/copy-from-undefined-stage',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['hadolint:DL3022', 'hadolint:DL3023', 'trivy:DS006'],
  fix: 'safe',
  messages: {
    badIndex:
      'There is no stage {ref}: stages are numbered from 0 and this file has {count}, so the build fails.',
    self: "'{ref}' is the stage this instruction belongs to, and a stage cannot copy from itself: the build fails with a circular dependency.",
    later:
      "Stage '{ref}' is defined further down the file, and a stage can only use stages defined before it: the build fails, so define the stage first.",
    image:
      "'{ref}' is not a stage of this file, so unless it is a named build context the builder pulls the image {ref}:latest.",
    didYouMean:
      "'{ref}' is not a stage of this file, so the builder would pull the image {ref}:latest: did you mean the stage '{stage}'?",
  },
  docs: {
    summary: '`COPY --from` (and `RUN --mount=from=`) should name an earlier stage of the file.',
    rationale:
      '`--from` takes a stage name, a stage index or an image. A name that matches no stage is silently treated as ' +
      'an image, so a typo (`--from=buidler`) makes the builder try to pull `buidler:latest` from Docker Hub, which ' +
      "fails at best and runs a stranger's image at worst. A stage index that does not exist, or a stage copying from " +
      'itself or from a stage defined further down, makes BuildKit fail the build. Stage names compare case-insensitively, as the builder does. The rule stays quiet ' +
      'for references that are clearly images (they contain `/`, `:` or `.`, as in `--from=nginx:1.27` or ' +
      '`--from=ghcr.io/acme/tools`), for `scratch`, and for variables with no known value. When an unknown name is ' +
      'within two edits of an earlier stage name, the fix replaces it with that name.',
    bad: 'FROM golang:1.22 AS builder\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=buidler /out/app /app\n',
    good: 'FROM golang:1.22 AS builder\nRUN go build -o /out/app .\n\nFROM alpine:3.20\nCOPY --from=builder /out/app /app\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages)
      for (const ins of stage.instructions) {
        const refs: { value: string; range: Range }[] = [];
        if (ins.keyword === 'COPY')
          for (const f of ins.flags)
            if (f.name === 'from' && f.value && f.valueRange)
              refs.push({ value: f.value, range: f.valueRange });
        if (ins.keyword === 'RUN') refs.push(...mountSources(ctx, ins));
        for (const { value, range } of refs) {
          const text = unquote(value, model.escapeChar);
          const ref = text.includes('$') ? substitute(text, scopeAt(model, ins)) : text;
          if (!ref) continue;
          const report = (messageId: string, data: Record<string, string | number> = {}): void =>
            ctx.report({
              at: range,
              messageId,
              data: { ref, ...data },
              // BuildKit fails on these (dockerfile2llb: "invalid stage index", and "cannot copy from stage …,
              // it needs to be defined before current stage" for itself or a later stage); the rest are warnings.
              severity:
                messageId === 'badIndex' || messageId === 'self' || messageId === 'later'
                  ? 'error'
                  : undefined,
            });
          if (/^\d+$/.test(ref)) {
            const index = Number(ref);
            if (index >= model.stages.length) report('badIndex', { count: model.stages.length });
            else if (index === stage.index) report('self');
            else if (index > stage.index) report('later');
            continue;
          }
          const lower = ref.toLowerCase();
          const target = model.stages.find((s) => s.name === lower);
          if (target) {
            if (target.index === stage.index) report('self');
            else if (target.index > stage.index) report('later');
            continue;
          }
          if (/[/:.@]/.test(ref) || lower === 'scratch') continue;
          const suggestion = closestStage(lower, model.stages.slice(0, stage.index));
          const nameRange = suggestion?.nameRange;
          if (!suggestion || !nameRange) {
            report('image');
            continue;
          }
          const name = ctx.doc.getText(nameRange);
          ctx.report({
            at: range,
            messageId: 'didYouMean',
            data: { ref, stage: name },
            fix: text.includes('$')
              ? undefined
              : () => ({ title: `Change to the stage '${name}'`, edits: [replace(range, name)] }),
          });
        }
      }
  },
});

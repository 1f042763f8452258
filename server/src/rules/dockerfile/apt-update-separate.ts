import { defineRule, type FixSpec } from '../../core/rule';
import type { TextEdit } from '../../core/text';
import type { DockerfileModel, ShellCommand, Stage } from '../../languages/dockerfile';
import {
  aptCall,
  isAptInstall,
  isAptUpdate,
  readsAptLists,
  reliesOnEarlierLists,
  runsOf,
  stagesBuiltOn,
  type Run,
} from '../../languages/dockerfile/runs';
import { commandText, deleteInstruction, prefixCommand, removeCommand } from '../../fixes/packages';

/** Commands that may share a RUN with the update without making it more than an update. */
const TRIVIAL = new Set(['', 'set', 'true', ':']);
/**
 * Commands that cannot depend on fresh package lists, so an update before them can be removed without
 * changing what they do.
 */
const INDEPENDENT = new Set([
  '',
  ':',
  'true',
  'set',
  'export',
  'cd',
  'echo',
  'printf',
  'mkdir',
  'touch',
  'ln',
  'chmod',
  'chown',
  'cp',
  'mv',
  'rm',
  'useradd',
  'groupadd',
  'adduser',
  'addgroup',
]);

/** A RUN that updates the apt lists and uses nothing from them. */
function isLoneUpdate(run: Run): boolean {
  const cmds = run.script.commands;
  return cmds.some(isAptUpdate) && !cmds.some(readsAptLists);
}

function fixFor(
  model: DockerfileModel,
  stage: Stage,
  runs: Run[],
  k: number,
  update: ShellCommand,
): FixSpec | undefined {
  const doc = model.doc;
  const run = runs[k] as Run;
  const cmds = run.script.commands;
  // `apt-get update || true` tolerates a failing mirror; moving it in front of an install would not.
  if (update.separatorAfter === '||' || update.separatorAfter === '|') return undefined;
  const edits: TextEdit[] = [];
  if (cmds.every((c) => isAptUpdate(c) || TRIVIAL.has(c.name))) edits.push(deleteInstruction(doc, run.ins));
  else {
    const index = cmds.indexOf(update);
    if (cmds.filter(isAptUpdate).length !== 1) return undefined;
    const independent = (c: ShellCommand): boolean =>
      INDEPENDENT.has(c.name) || ['clean', 'autoclean'].includes(aptCall(c)?.subcommand.value ?? '');
    if (!cmds.slice(index + 1).every(independent)) return undefined;
    const removal = removeCommand(doc, run, index, model.escapeChar);
    if (!removal) return undefined;
    edits.push(removal);
  }
  // Every later RUN that used these lists, up to the next lone update, now updates first.
  const text = commandText(doc, update);
  if (!text) return undefined;
  const next = runs.findIndex((r, i) => i > k && isLoneUpdate(r));
  let moved = false;
  for (const r of runs.slice(k + 1, next < 0 ? runs.length : next)) {
    if (!reliesOnEarlierLists(r)) continue;
    const prefix = prefixCommand(doc, r, r.script.commands.findIndex(readsAptLists), text);
    if (!prefix) return undefined;
    edits.push(prefix);
    moved = true;
  }
  // Stages built on this one may rely on the lists too; leave those files to a person.
  if (stagesBuiltOn(model, stage).some((s) => runsOf(model, s).some(reliesOnEarlierLists))) return undefined;
  return {
    title: moved
      ? `Move ${update.name} update into the RUN that installs`
      : `Remove the separate ${update.name} update`,
    edits,
  };
}

export default defineRule<DockerfileModel>({
  id: 'dockerfile/apt-update-separate',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  aliases: ['checkov:CKV_DOCKER_5', 'trivy:DS017'],
  fix: 'safe',
  messages: {
    stale:
      '`{tool} update` runs in a RUN of its own while a later RUN installs packages, so rebuilds reuse this cached layer and install from outdated package lists.',
    redundant:
      '`{tool} update` runs in a RUN of its own although every later install updates again first, so this layer only adds package lists to the image.',
  },
  docs: {
    summary: '`apt-get update` should run in the same RUN as the `apt-get install` that needs it.',
    rationale:
      'Docker caches each RUN by its text. A RUN holding only `apt-get update` is built once and then reused, ' +
      'so when a later `apt-get install` line changes, it runs against package lists that may be weeks old and ' +
      'fails with 404 errors for versions the mirror no longer has, or silently installs outdated packages; the ' +
      'lists also stay in a layer of their own. Updating and installing in one RUN refreshes the lists whenever ' +
      'the install changes. The rule reports `apt-get update` or `apt update` in a RUN that does not install, ' +
      'upgrade or otherwise read the lists itself, when a later RUN of the same stage installs with apt. The fix ' +
      'removes the update (the whole RUN when nothing else is in it) and puts it in front of the later installs. ' +
      'It is not offered when the RUN runs commands after the update that could depend on it, such as scripts. ' +
      'Exec-form (JSON) RUN instructions are not checked.',
    bad:
      'FROM debian:bookworm-slim\n' +
      'RUN apt-get update\n' +
      'RUN apt-get install -y --no-install-recommends curl \\\n    && rm -rf /var/lib/apt/lists/*\n',
    good:
      'FROM debian:bookworm-slim\n' +
      'RUN apt-get update && apt-get install -y --no-install-recommends curl \\\n' +
      '    && rm -rf /var/lib/apt/lists/*\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const stage of model.stages) {
      const runs = runsOf(model, stage);
      runs.forEach((run, k) => {
        if (!isLoneUpdate(run)) return;
        const update = run.script.commands.find(isAptUpdate);
        if (!update) return;
        const installing = runs.slice(k + 1).filter((r) => r.script.commands.some(isAptInstall));
        if (installing.length === 0) return;
        const redundant = installing.every((r) => !reliesOnEarlierLists(r));
        const fix = fixFor(model, stage, runs, k, update);
        ctx.report({
          at: update.range,
          messageId: redundant ? 'redundant' : 'stale',
          data: { tool: update.name },
          fix: fix ? () => fix : undefined,
        });
      });
    }
  },
});

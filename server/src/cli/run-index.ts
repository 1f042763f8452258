import { sep } from 'node:path';
import type { IndexedObject, KubernetesIndex } from '../core/kubernetes-index';
import { KubernetesIndexStore, summarizeText } from '../languages/kubernetes/workspace';
import { diskHost } from '../workspace';
import { indexCandidate, readCandidate } from '../workspace-index';
import { recordingHost, type Dep } from './deps';
import { sha1 } from './file-state';

/**
 * The workspace index of the CLI: the Kubernetes objects of the files it is given (and the generators of
 * kustomizations among them), so cross-object checks see a Deployment and its Service in separate files.
 */

/** One file's index entries, and what summarising it read beside it (kustomizations that list patches). */
export function summarize(abs: string, text: string): { objects: IndexedObject[]; deps: Dep[] } {
  const recording = recordingHost(diskHost(abs));
  let objects: IndexedObject[] = [];
  try {
    objects = summarizeText(abs, text, recording.host);
  } catch {
    // A file the summary cannot read adds nothing, as in the language server's index.
  }
  return { objects, deps: recording.deps() };
}

/** A digest of a file's index entries: the cache keys results that read the index by these. */
export function digestOf(objects: readonly IndexedObject[]): string {
  return objects.length === 0 ? '-' : sha1(JSON.stringify(objects));
}

/** The files of the run the index reads, in the run's order; `files` are absolute. */
export function indexFiles(files: readonly string[]): string[] {
  // indexCandidate reads the name alone, and a run's folders repeat the same few names.
  const judged = new Map<string, boolean>();
  return [
    ...new Set(
      files.filter((f) => {
        const name = f.slice(Math.max(f.lastIndexOf('/'), f.lastIndexOf(sep)) + 1);
        let c = judged.get(name);
        if (c === undefined) judged.set(name, (c = indexCandidate(name)));
        return c;
      }),
    ),
  ];
}

/**
 * Builds the index, taking the entries already summarised this run (`known`) and reading the others. Its
 * content is what `digestOf` of each file's entries describes, so the cache's index key matches it.
 */
export function runIndex(
  files: readonly string[],
  known: ReadonlyMap<string, IndexedObject[]> = new Map(),
): KubernetesIndex {
  const store = new KubernetesIndexStore();
  for (const abs of files) {
    let objects = known.get(abs);
    if (!objects) {
      const text = readCandidate(abs);
      objects = text === undefined ? [] : summarize(abs, text).objects;
    }
    store.setDisk(abs, objects);
  }
  store.setComplete(true);
  return store.get();
}

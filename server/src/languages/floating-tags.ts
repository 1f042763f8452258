/**
 * Image tags that move to new releases as they are published: `latest`, channel names (`stable`, `edge`,
 * `lts`, `mainline`, `current`, `rolling`, `nightly`) and variant names alone (`alpine`, `slim`), also
 * combined (`lts-alpine`, `stable-slim`). A tag with a digit (`22-alpine`, `1.27-alpine-slim`) names a
 * version and is not floating. One list for the Compose, Dockerfile and Kubernetes image-tag rules.
 */
export const FLOATING_TAG_WORDS: readonly string[] = [
  'latest',
  'stable',
  'edge',
  'lts',
  'mainline',
  'current',
  'rolling',
  'nightly',
  'alpine',
  'slim',
];

const WORDS = new Set(FLOATING_TAG_WORDS);

/** Whether a tag follows new releases rather than naming one (case-insensitive, as registries are not). */
export function isFloatingTag(tag: string): boolean {
  if (tag === '' || /\d/.test(tag)) return false;
  return tag
    .toLowerCase()
    .split('-')
    .every((w) => WORDS.has(w));
}

/**
 * String trimming by loops. `s.replace(/x+$/, '')` looks like one pass but restarts at every `x` of a run
 * that is not at the end, so a long run of `x` followed by anything else takes quadratic time.
 */

/** `s` without the run of characters from `chars` at its end. */
export function trimEndChars(s: string, chars: string): string {
  let end = s.length;
  while (end > 0 && chars.includes(s[end - 1] as string)) end--;
  return s.slice(0, end);
}

/** `s` without the runs of characters from `chars` at its start and its end. */
export function trimChars(s: string, chars: string): string {
  let start = 0;
  while (start < s.length && chars.includes(s[start] as string)) start++;
  return trimEndChars(s.slice(start), chars);
}

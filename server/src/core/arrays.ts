/**
 * Appends `items` to `target` one by one. `target.push(...items)` passes every item as an argument and
 * overflows the stack past about 100,000 of them (a Dockerfile of 200,000 comment lines did).
 */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

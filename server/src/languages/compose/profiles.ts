import { isScalar, items } from '../yaml/model';
import { lookup, resolved, type ComposeModel, type ComposeService } from './model';

/**
 * Profiles, as compose-go's `Project.WithProfiles` applies them before it checks a project: a service
 * without `profiles:` always runs; one with profiles runs when one of them, or `*`, is enabled. Without a
 * command line the enabled profiles are `COMPOSE_PROFILES` (comma-separated) from the `.env` file.
 */

/** The profiles `COMPOSE_PROFILES` in `.env` enables (empty when unset). */
export function enabledProfiles(model: ComposeModel): ReadonlySet<string> {
  const raw = model.env.get('COMPOSE_PROFILES') ?? '';
  return new Set(
    raw
      .split(',')
      .map((p) => p.trim())
      .filter((p) => p !== ''),
  );
}

/** The service's profiles as written (merge keys and `extends` in the file followed); null without any. */
export function profilesOf(model: ComposeModel, service: ComposeService): string[] | null {
  const e = lookup(model, service, 'profiles');
  if (!e) return null;
  const list = items(e.value)
    .filter(isScalar)
    .map((n) => resolved(model, n)?.value ?? String(n.value));
  return list.length ? list : null;
}

/**
 * Whether compose-go checks the service when no `--profile` is given: it has no profiles, or `.env`
 * enables one of them. A service that is not active is checked only when a command line enables it, so
 * rules report what is wrong with it as a warning rather than an error.
 */
export function activeByDefault(model: ComposeModel, service: ComposeService): boolean {
  const own = profilesOf(model, service);
  if (!own) return true;
  const enabled = enabledProfiles(model);
  return enabled.has('*') || own.some((p) => enabled.has(p));
}

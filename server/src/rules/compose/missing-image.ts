import { defineRule } from '../../core/rule';
import {
  extendedKeys,
  lookup,
  projectSiblings,
  serviceRange,
  type ComposeModel,
} from '../../languages/compose';
import { addToService } from '../../fixes/compose';
import { deref, isScalar, type Node } from '../../languages/yaml/model';

export default defineRule<ComposeModel>({
  id: 'compose/missing-image',
  language: 'compose',
  severity: 'error',
  recommended: true,
  aliases: [],
  fix: 'unsafe',
  messages: {
    missing:
      'Service `{name}` has neither `image` nor `build`: Compose rejects the project ("has neither an image nor a build context specified").',
  },
  docs: {
    summary: 'Every service needs an `image`, a `build`, or both.',
    rationale:
      'Compose must know what to run: `docker compose config` fails with "service \\"web\\" has neither an image ' +
      'nor a build context specified". The schema cannot say so because override files legitimately add to a ' +
      'service without naming its image, so this rule skips override files (`compose.override.yaml`, ' +
      '`compose.prod.yml`), services run by a `provider`, and services that `extends` another unless the whole ' +
      'chain can be read (in this file or the files it names) and gives neither. ' +
      'Before it reports a service of a main file, it reads the files Compose merges over it: the ' +
      '`compose.override.yaml` beside it, or the files `COMPOSE_FILE` in `.env` lists; it stays quiet when one of ' +
      'those gives the service an image or a build, or cannot be read. A service with `profiles:` gets a warning, ' +
      'since Compose checks it only when one of its profiles is enabled. ' +
      'When a Dockerfile sits beside the Compose file, the fix adds `build: .`.',
    bad: 'services:\n  web:\n    ports:\n      - "8080:80"\n',
    good: 'services:\n  web:\n    image: nginx:1.27\n    ports:\n      - "8080:80"\n',
  },
  check(ctx) {
    const m = ctx.model;
    if (m.partial) return;
    const project = projectSiblings(m, ctx.host);
    for (const s of m.services) {
      if (s.get('provider')) continue;
      // A service that extends another has what the chain gives it, when every file of it can be read.
      if (s.extends) {
        const keys = extendedKeys(m, ctx.host, s);
        if (!keys || keys.has('image') || keys.has('build') || keys.has('provider')) continue;
      }
      // A service written as something other than a mapping (`web: nginx`) is the schema's finding.
      if (!s.node && !isEmpty(s.pair.value as Node | null)) continue;
      if (lookup(m, s, 'image') || lookup(m, s, 'build')) continue;
      // Compose merges the override file (or the COMPOSE_FILE list) over this one before it checks.
      if (project.unknown || project.services.get(s.name)?.runnable) continue;
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'missing',
        data: { name: s.name },
        // Compose checks only the services enabled by the active profiles, and none is active by default.
        ...(lookup(m, s, 'profiles') ? { severity: 'warning' as const } : {}),
        fix:
          ctx.host.exists('Dockerfile') === true
            ? () => {
                const edit = addToService(m, s, ['build: .']);
                return edit
                  ? {
                      title: 'Build it from the Dockerfile beside this file (changes behaviour)',
                      edits: [edit],
                    }
                  : undefined;
              }
            : undefined,
      });
    }
  },
});

function isEmpty(node: Node | null): boolean {
  const n = deref(node);
  return n === null || (isScalar(n) && (n.value === null || n.value === undefined));
}

import { defineRule } from '../../core/rule';
import {
  expectsComplete,
  imageBaseName,
  imageOf,
  lookup,
  serviceRange,
  type ComposeModel,
} from '../../languages/compose';
import { addToService } from '../../fixes/compose';

/**
 * Official images that run their command as root and never switch users themselves. Databases, caches and
 * web servers are not here: their entrypoints or master processes drop to their own user.
 */
const ROOT_BY_DEFAULT = new Set([
  'python', 'node', 'golang', 'ruby', 'perl', 'rust', 'openjdk', 'eclipse-temurin', 'amazoncorretto',
  'debian', 'ubuntu', 'alpine', 'busybox', 'fedora', 'rockylinux', 'almalinux', 'bash', 'gradle', 'maven',
]); // prettier-ignore

export default defineRule<ComposeModel>({
  id: 'compose/non-root-user',
  language: 'compose',
  severity: 'info',
  recommended: false,
  aliases: [],
  fix: 'unsafe',
  messages: {
    root: 'Service `{name}` runs `{image}` as root: set `user:` so that a compromised process is not root in the container.',
  },
  docs: {
    summary: 'Hardening: services running general-purpose images should set a non-root `user`.',
    rationale:
      'The official language and distribution images (python, node, golang, debian, alpine, …) run their command ' +
      'as root unless told otherwise; root in a container is one kernel bug away from root on the host, and can ' +
      'read and change everything in its volumes. Only those images are reported, since the rule knows they run ' +
      'as root: database, cache and web-server images switch to their own user by themselves, unknown images may ' +
      'set a USER, and services that `build:` are judged where it belongs, in their Dockerfile ' +
      '(`dockerfile/no-root-user`). Quiet when `user:` is set, in override files and for services extending one ' +
      'in another file. The fix sets `user: node` for node images (the user they ship) and `user: "1000:1000"` ' +
      'otherwise; files the process writes must then be writable by that user, so it says it changes behaviour.',
    bad: 'services:\n  worker:\n    image: python:3.12-slim\n    command: ["python", "-m", "worker"]\n',
    good: 'services:\n  worker:\n    image: python:3.12-slim\n    user: "1000:1000"\n    command: ["python", "-m", "worker"]\n',
  },
  check(ctx) {
    const m = ctx.model;
    for (const s of m.services) {
      if (!expectsComplete(m, s) || lookup(m, s, 'user') || lookup(m, s, 'build')) continue;
      const image = imageOf(m, s);
      const base = imageBaseName(image);
      if (
        !image ||
        !base ||
        !ROOT_BY_DEFAULT.has(base) ||
        (image.registry && !/docker\.io$/.test(image.registry))
      )
        continue;
      ctx.report({
        at: serviceRange(m, s),
        messageId: 'root',
        data: { name: s.name, image: image.value ?? image.raw },
        fix: () => {
          const user = base === 'node' ? 'user: node' : 'user: "1000:1000"';
          const edit = addToService(m, s, [user]);
          return edit
            ? {
                title:
                  'Run as an unprivileged user (changes behaviour: files it writes must be writable by that user)',
                edits: [edit],
              }
            : undefined;
        },
      });
    }
  },
});

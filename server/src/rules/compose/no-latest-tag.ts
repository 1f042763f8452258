import { defineRule } from '../../core/rule';
import { imageOf, lookup, rangeOf, resolved, subRange, type ComposeModel } from '../../languages/compose';
import { isFloatingTag } from '../../languages/floating-tags';

export default defineRule<ComposeModel>({
  id: 'compose/no-latest-tag',
  language: 'compose',
  severity: 'warning',
  recommended: true,
  aliases: ['dclint:service-image-require-explicit-tag'],
  fix: null,
  messages: {
    latest:
      'Image `{image}` uses `:latest`: every pull may bring a different version. Pin a version tag or a digest.',
    floating:
      'Image `{image}` uses the floating tag `{tag}`, which moves to each new release: every pull may bring a different version. Pin a version tag or a digest.',
    untagged:
      'Image `{image}` has no tag, which means `:latest`: every pull may bring a different version. Pin a version tag or a digest.',
  },
  docs: {
    summary:
      'Service images should be pinned to a version tag or a digest, not left untagged or on a floating tag such as `:latest`.',
    rationale:
      '`latest` is whatever was pushed last: two machines, or the same machine a week apart, run different ' +
      'software from the same file, and a rollback cannot go back. A version tag (`postgres:16.4`) or a digest ' +
      '(`@sha256:…`) makes the file say what runs. Channel and variant tags float the same way (`stable`, `edge`, ' +
      '`lts`, `mainline`, `current`, `rolling`, `nightly`, and `alpine` or `slim` alone or combined, such as ' +
      '`lts-alpine`); a tag with a version number in it (`22-alpine`) is pinned enough. Services that also `build:` are left alone (`image:` then names ' +
      'the image being built, and `:latest` is the usual local tag), as are images whose reference comes from ' +
      'variables `.env` does not resolve (`${IMAGE}`), since CI usually sets them. There is no fix: which version ' +
      'you run is for you to choose, and guessing one offline would pin the wrong one.',
    bad: 'services:\n  cache:\n    image: redis\n',
    good: 'services:\n  cache:\n    image: redis:7.4-alpine\n',
  },
  check(ctx) {
    const m = ctx.model;
    const seen = new Set<unknown>();
    for (const s of m.services) {
      if (lookup(m, s, 'build')) continue;
      const image = imageOf(m, s);
      if (!image || image.value === null || image.digest || seen.has(image.node)) continue;
      seen.add(image.node);
      // A reference from variables with defaults is what runs only when CI sets nothing; stay quiet.
      if (resolved(m, image.node)?.defaulted) continue;
      const tag = image.tag;
      if (tag !== null && !isFloatingTag(tag)) continue;
      if (image.value.trim() === '') continue;
      const raw = image.raw;
      const tagAt = tag !== null ? raw.lastIndexOf(`:${tag}`) : -1;
      const at =
        (tagAt >= 0 && tag !== null ? subRange(m, image.node, tagAt + 1, tagAt + 1 + tag.length) : null) ??
        rangeOf(m, image.node);
      ctx.report({
        at,
        messageId: tag === null ? 'untagged' : tag === 'latest' ? 'latest' : 'floating',
        data: { image: image.value, tag: tag ?? '' },
      });
    }
  },
});

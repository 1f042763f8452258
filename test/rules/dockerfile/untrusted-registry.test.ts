import rule from '../../../server/src/rules/dockerfile/untrusted-registry';
import { testRule } from '../../helpers/rule-tester';

const config = { trustedRegistries: ['docker.io', '*.example.com'] };

testRule(rule, {
  valid: [
    { name: 'silent without the setting', code: 'FROM quay.io/a/b:1' },
    {
      name: 'Docker Hub, a suffix pattern, scratch, stages',
      config,
      code: 'FROM alpine:3.20 AS base\nFROM registry.example.com/app:1\nFROM base\nFROM scratch\nCOPY --from=base /x /x',
    },
    {
      name: 'an ARG that resolves to a trusted registry',
      config,
      code: 'ARG REG=registry.example.com\nFROM ${REG}/app:1',
    },
  ],
  invalid: [
    {
      name: 'FROM, COPY --from and RUN --mount',
      config,
      code: `
FROM quay.io/prometheus/busybox:1.36
     ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
COPY --from=ghcr.io/a/b:1 /x /x
     ~~~~~~~~~~~~~~~~~~~~
RUN --mount=type=bind,from=gcr.io/distroless/static,target=/d ls /d
    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'a prefix pattern',
      config: { trustedRegistries: ['registry.*'] },
      code: `
FROM alpine:3.20
     ~~~~~~~~~~~`,
      output: null,
    },
  ],
});

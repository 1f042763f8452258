import rule from '../../../server/src/rules/dockerfile/label-schema';
import { testRule } from '../../helpers/rule-tester';

const labelSchema = {
  version: 'semver',
  source: 'url',
  created: 'rfc3339',
  revision: 'hash',
  license: 'spdx',
  authors: 'email',
  title: 'text',
};
const config = { labelSchema };
const all =
  'LABEL version=1.4.2-rc.1 source=https://github.com/acme/app created=2024-05-01T12:00:00Z revision=0a1b2c3 \\\n' +
  '  license="(MIT OR Apache-2.0) AND LicenseRef-acme" authors=dev@acme.example title="The app"';

testRule(rule, {
  valid: [
    { name: 'silent without a schema', code: 'FROM alpine:3.20\nLABEL version=latest' },
    { name: 'every label right', config, code: `FROM alpine:3.20\n${all}` },
    {
      name: 'labels set in the stage built on',
      config,
      code: `FROM alpine:3.20 AS base\n${all}\nFROM base\nLABEL other=x`,
    },
    {
      name: 'a builder stage need not carry them',
      config,
      code: `FROM alpine:3.20 AS build\nRUN make\nFROM alpine:3.20\n${all}`,
    },
    {
      name: 'a value from an ARG',
      config: { labelSchema: { version: 'semver' } },
      code: 'FROM alpine:3.20\nARG V=2.0.0\nLABEL version=$V',
    },
    {
      name: 'a value with no known value',
      config: { labelSchema: { version: 'semver' } },
      code: 'FROM alpine:3.20\nARG V\nLABEL version=$V',
    },
  ],
  invalid: [
    {
      name: 'missing labels, on the final FROM',
      config: { labelSchema: { version: 'semver', source: 'url' } },
      code: `
FROM alpine:3.20 AS build
FROM alpine:3.20
~~~~~~~~~~~~~~~~
LABEL source=https://x.example`,
      messageIds: ['missing'],
      output: null,
    },
    {
      name: 'values of the wrong kind, empty, and a label outside a strict schema',
      config: { labelSchema, strictLabels: true },
      code: `
FROM alpine:3.20
LABEL version=v1 source=github.com/acme created=yesterday revision=HEAD license="MIT OR" authors=dev title="" extra=1
              ~~        ~~~~~~~~~~~~~~~         ~~~~~~~~~          ~~~~         ~~~~~~~~         ~~~       ~~ ~~~~~`,
      messageIds: ['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'empty', 'superfluous'],
      output: null,
    },
  ],
});

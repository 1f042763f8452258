import rule from '../../../server/src/rules/dockerfile/invalid-default-arg-in-from';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'ARG TAG=3.20\nFROM alpine:${TAG}',
    { name: 'a default with a fallback', code: 'ARG TAG\nFROM alpine:${TAG:-3.20}' },
    { name: 'a registry default', code: 'ARG REGISTRY=ghcr.io/acme\nFROM ${REGISTRY}/app:1' },
    { name: 'predefined platform arguments', code: 'FROM --platform=$BUILDPLATFORM golang:1.22-$TARGETOS' },
    { name: 'no variables', code: 'FROM alpine:3.20' },
    {
      name: 'substitutions this reading does not model are not judged',
      code: 'ARG B=${TARGETPLATFORM#linux/amd64}\nARG B=${B:+"unsupported"}\nFROM exit-${B}',
    },
    { name: 'a whole image from a default', code: 'ARG BASE=node:20-alpine\nFROM $BASE' },
  ],
  invalid: [
    {
      name: 'an ARG without a default leaves a bare colon',
      code: `
ARG TAG
FROM alpine:\${TAG}
     ~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'an empty image',
      code: `
ARG BASE
FROM $BASE
     ~~~~~`,
      output: null,
    },
    {
      name: 'an empty registry leaves a leading slash',
      code: `
ARG REGISTRY
FROM \${REGISTRY}/app:1
     ~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    { name: 'CRLF', code: 'ARG TAG\r\nFROM alpine:$TAG\r\n', ranges: ['1:5-1:16'], output: null },
  ],
});

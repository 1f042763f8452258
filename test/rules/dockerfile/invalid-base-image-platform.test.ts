import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import rule from '../../../server/src/rules/dockerfile/invalid-base-image-platform';
import { fmtRange, runRule, testRule } from '../../helpers/rule-tester';

const DIGEST = 'sha256:' + 'a'.repeat(64);

testRule(rule, {
  valid: [
    { name: 'no --platform: the target platform is chosen when building', code: 'FROM arm64v8/alpine:3.20' },
    { name: 'the same platform', code: 'FROM --platform=linux/arm64 arm64v8/alpine:3.20' },
    { name: 'aarch64 is arm64', code: 'FROM --platform=linux/aarch64 arm64v8/alpine' },
    {
      name: 'with its variant and registry',
      code: 'FROM --platform=linux/arm64/v8 docker.io/arm64v8/alpine',
    },
    { name: 'x86_64 is amd64', code: 'FROM --platform=linux/x86_64 amd64/ubuntu:24.04' },
    { name: 'armhf is arm/v7', code: 'FROM --platform=linux/armhf arm32v7/debian:12' },
    {
      name: 'variants are not compared, as in BuildKit',
      code: 'FROM --platform=linux/arm/v7 arm32v6/alpine',
    },
    { name: 'an OS alone: its architecture is the builder’s', code: 'FROM --platform=linux arm64v8/alpine' },
    { name: 'an architecture alone: its OS is the builder’s', code: 'FROM --platform=arm64 arm64v8/alpine' },
    { name: '$BUILDPLATFORM', code: 'FROM --platform=$BUILDPLATFORM arm64v8/golang:1.22 AS build' },
    { name: '${TARGETPLATFORM}', code: 'FROM --platform=${TARGETPLATFORM} arm64v8/alpine' },
    { name: 'an ARG without a default', code: 'ARG PLATFORM\nFROM --platform=$PLATFORM arm64v8/alpine' },
    { name: 'an image from an ARG without a default', code: 'ARG BASE\nFROM --platform=linux/amd64 $BASE' },
    { name: 'an image named by the target arch', code: 'FROM --platform=linux/amd64 ${TARGETARCH}/alpine' },
    {
      name: 'a stage built FROM another stage',
      code: 'FROM --platform=linux/arm64 arm64v8/alpine AS base\nFROM --platform=linux/amd64 base',
    },
    { name: 'an unknown namespace', code: 'FROM --platform=linux/amd64 myorg/alpine' },
    { name: 'a namespace on another registry', code: 'FROM --platform=linux/amd64 ghcr.io/arm64v8/alpine' },
    { name: 'a deeper path', code: 'FROM --platform=linux/amd64 registry.test/arm64v8/tools/alpine' },
    { name: 'a multi-arch image pinned by digest', code: `FROM --platform=linux/arm64 alpine@${DIGEST}` },
    {
      name: 'a Windows image for Windows',
      code: 'FROM --platform=windows/amd64 mcr.microsoft.com/windows/servercore:ltsc2022',
    },
    { name: 'another Microsoft image', code: 'FROM --platform=linux/amd64 mcr.microsoft.com/dotnet/sdk:8.0' },
    { name: 'winamd64 for Windows', code: 'FROM --platform=windows/amd64 winamd64/golang' },
    { name: 'a platform BuildKit rejects', code: 'FROM --platform=linux/amd64/v2/x arm64v8/alpine' },
    {
      name: "BuildKit's check directive",
      code: '# check=skip=InvalidBaseImagePlatform\nFROM --platform=linux/amd64 arm64v8/alpine',
    },
  ],
  invalid: [
    {
      name: 'an arm64 image for amd64',
      code: `
FROM --platform=linux/amd64 arm64v8/alpine:3.20
                            ~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'with registry, tag and digest',
      code: `FROM --platform=linux/amd64 docker.io/arm32v7/python:3.12@${DIGEST} AS app`,
      ranges: ['0:28-0:129'],
      output: null,
    },
    {
      name: 'i386 is not amd64',
      code: `
FROM --platform=linux/amd64 index.docker.io/i386/debian:12
                            ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
    },
    {
      name: 'the platform from a global ARG',
      code: `
ARG PLATFORM=linux/arm64
FROM --platform=\${PLATFORM} amd64/alpine AS build
                            ~~~~~~~~~~~~`,
    },
    {
      name: 'the image from a global ARG',
      code: `
ARG BASE=s390x/ubuntu:24.04
FROM --platform=linux/ppc64le \${BASE}
                              ~~~~~~~`,
    },
    {
      name: 'a quoted platform',
      code: `
FROM --platform="linux/amd64" arm64v8/alpine
                              ~~~~~~~~~~~~~~`,
    },
    {
      name: 'an OS alone that differs',
      code: `
FROM --platform=windows arm64v8/alpine
                        ~~~~~~~~~~~~~~`,
    },
    {
      name: 'an architecture alone that differs',
      code: `
FROM --platform=arm64 amd64/alpine
                      ~~~~~~~~~~~~`,
    },
    {
      name: 'Windows base images on Linux',
      code: `
FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore:ltsc2022 AS a
                            ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
FROM --platform=linux/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022 AS b
                            ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
FROM --platform=linux/amd64 mcr.microsoft.com/windows/servercore/iis AS c
                            ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
FROM --platform=linux/arm64 winamd64/golang AS d
                            ~~~~~~~~~~~~~~~`,
    },
    {
      name: 'only the stage that contradicts its image',
      code: `
FROM --platform=linux/arm64 arm64v8/golang:1.22 AS build
FROM --platform=linux/arm/v7 arm64v8/alpine:3.20
                             ~~~~~~~~~~~~~~~~~~~
COPY --from=build /app /app`,
    },
    {
      name: 'CRLF',
      code: 'FROM --platform=linux/amd64 arm64v8/alpine\r\nRUN true\r\n',
      ranges: ['0:28-0:42'],
      output: null,
    },
  ],
});

describe(`${rule.id} messages`, () => {
  const cases: [string, string, string][] = [
    [
      'FROM --platform=linux/amd64 arm64v8/alpine:3.20',
      '0:28-0:47',
      'Base image arm64v8/alpine:3.20 is built for "linux/arm64/v8" only, but the stage asks for "linux/amd64".',
    ],
    [
      'ARG P=linux/s390x\nARG B=i386/debian\nFROM --platform=$P $B',
      '2:19-2:21',
      'Base image i386/debian is built for "linux/386" only, but the stage asks for "linux/s390x".',
    ],
    [
      'FROM --platform=linux/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022',
      '0:28-0:73',
      'Base image mcr.microsoft.com/windows/nanoserver:ltsc2022 is built for "windows" only, but the stage asks for "linux/amd64".',
    ],
    [
      'FROM --platform=linux/arm64 arm32v7/alpine',
      '0:28-0:42',
      'Base image arm32v7/alpine is built for "linux/arm/v7" only, but the stage asks for "linux/arm64".',
    ],
  ];
  for (const [code, range, message] of cases)
    it(code, () => {
      const found = runRule(rule, code).map((f) => [fmtRange(f.range), f.message]);
      assert.deepEqual(found, [[range, message]]);
    });
});

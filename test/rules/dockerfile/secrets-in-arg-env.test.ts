import rule from '../../../server/src/rules/dockerfile/secrets-in-arg-env';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nENV NODE_ENV=production PORT=3000',
    {
      name: 'a secret word inside a longer word is not a match',
      code: 'FROM alpine:3.20\nENV AUTHOR=jane KEYBOARD=us MONKEY=1',
    },
    { name: 'excluded: public', code: 'FROM alpine:3.20\nENV PUBLIC_KEY=ssh-ed25519AAAA' },
    { name: 'excluded: file', code: 'FROM alpine:3.20\nENV DB_PASSWORD_FILE=/run/secrets/db_password' },
    { name: 'excluded: version', code: 'FROM alpine:3.20\nARG TOKEN_VERSION=2' },
    {
      name: 'a public signing-key fingerprint',
      code: 'FROM debian:12\nENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305\nENV PYTHON_PGP_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D',
    },
    { name: 'ARG whose default is another variable', code: 'FROM alpine:3.20\nARG TOKEN=${CI_JOB_ID:-none}' },
    { name: 'ENV cleared with an empty value', code: 'FROM alpine:3.20\nENV AWS_SECRET_ACCESS_KEY=""' },
    { name: 'global ARG without a value only feeds FROM', code: 'ARG REGISTRY_TOKEN\nFROM alpine:3.20' },
    { name: 'LABEL is not ARG or ENV', code: 'FROM alpine:3.20\nLABEL api_key=none' },
  ],
  invalid: [
    {
      name: 'ENV with a literal password',
      code: `
FROM postgres:16
ENV POSTGRES_PASSWORD=hunter2
    ~~~~~~~~~~~~~~~~~`,
      messageIds: ['literal'],
      output: null,
    },
    {
      name: 'ARG with a literal default',
      code: `
FROM node:20-slim
ARG NPM_TOKEN="npm_abc123"
    ~~~~~~~~~`,
      messageIds: ['literal'],
    },
    {
      name: 'ARG without a default',
      code: `
FROM node:20-slim
ARG GITHUB_TOKEN
    ~~~~~~~~~~~~
RUN git clone https://$GITHUB_TOKEN@github.com/acme/private.git`,
      messageIds: ['argNoValue'],
    },
    {
      name: 'ARG with an empty default is the same as no default',
      code: `
FROM node:20-slim
ARG api_key=""
    ~~~~~~~`,
      messageIds: ['argNoValue'],
    },
    {
      name: 'ENV copying a build argument into the image',
      code: `
FROM node:20-slim
ARG NPM_TOKEN
    ~~~~~~~~~
ENV NPM_TOKEN=$NPM_TOKEN
    ~~~~~~~~~`,
      messageIds: ['argNoValue', 'envFromVariable'],
    },
    {
      name: 'several properties on one ENV line, legacy form, and a global literal',
      code: `
ARG REGISTRY_PASSWORD=s3cr3t
    ~~~~~~~~~~~~~~~~~
FROM alpine:3.20
ENV AWS_ACCESS_KEY_ID=AKIAEXAMPLE AWS_SECRET_ACCESS_KEY=abc REGION=eu-west-1
    ~~~~~~~~~~~~~~~~~             ~~~~~~~~~~~~~~~~~~~~~
ENV AUTH basic`,
      ranges: ['3:4-3:8'],
    },
    {
      name: 'secret words match case-insensitively',
      code: `
FROM alpine:3.20
ENV Db_Passwd=x
    ~~~~~~~~~`,
    },
    {
      name: 'a private GPG key is still a secret',
      code: `
FROM alpine:3.20
ENV GPG_PRIVATE_KEY=abc
    ~~~~~~~~~~~~~~~`,
    },
    {
      name: 'CRLF file',
      code: 'FROM alpine:3.20\r\nENV SECRET=abc\r\n',
      ranges: ['1:4-1:10'],
      output: null,
    },
  ],
});

import rule from '../../../server/src/rules/dockerfile/workdir-absolute';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nWORKDIR /app',
    { name: 'quoted absolute path', code: 'FROM node:20-slim\nWORKDIR "/srv/my app"' },
    { name: 'relative after an absolute one', code: 'FROM node:20-slim\nWORKDIR /app\nWORKDIR src' },
    {
      name: 'relative after an absolute one in the parent stage',
      code: 'FROM node:20-slim AS base\nWORKDIR /app\nFROM base AS build\nWORKDIR packages/api',
    },
    { name: 'variable with no known value', code: 'FROM node:20-slim\nWORKDIR $HOME/app' },
    {
      name: 'ARG resolves to an absolute path',
      code: 'FROM node:20-slim\nARG APP_DIR=/srv/app\nWORKDIR ${APP_DIR}',
    },
    {
      name: 'global ARG redeclared in the stage, quoted',
      code: 'ARG ROOT="/opt"\nFROM node:20-slim\nARG ROOT\nWORKDIR $ROOT/app',
    },
    {
      name: 'ENV from the parent stage',
      code: 'FROM node:20-slim AS base\nENV APP=/app\nFROM base\nWORKDIR $APP',
    },
    {
      name: 'Windows drive path',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nWORKDIR C:\\app',
    },
    {
      name: 'only the first relative WORKDIR is reported, as BuildKit does',
      code: 'FROM node:20-slim\nWORKDIR $HOME\nWORKDIR app',
    },
  ],
  invalid: [
    {
      name: 'relative path',
      code: `
FROM node:20-slim
WORKDIR app
        ~~~
COPY . .`,
      output: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .',
    },
    {
      name: 'dot path, quoted',
      code: `
FROM nginx:1.27
WORKDIR "./usr/share/nginx/html"
        ~~~~~~~~~~~~~~~~~~~~~~~~`,
    },
    {
      name: 'tilde is not expanded by the builder',
      code: `
FROM debian:12
WORKDIR ~/app
        ~~~~~`,
    },
    {
      name: 'resolved from ENV',
      code: `
FROM debian:12
ENV APP_DIR=app
WORKDIR \${APP_DIR}
        ~~~~~~~~~~`,
    },
    {
      name: 'only the first of several relative ones; each unrelated stage on its own',
      code: `
FROM node:20-slim AS a
WORKDIR app
        ~~~
WORKDIR src
FROM node:20-slim AS b
WORKDIR web
        ~~~`,
    },
    {
      name: 'CRLF file',
      code: 'FROM debian:12\r\nWORKDIR ./app\r\n',
      ranges: ['1:8-1:13'],
      output: 'FROM debian:12\r\nWORKDIR /app\r\n',
    },
    {
      name: 'an image whose working directory is not known: no fix',
      code: `
FROM golang:1.23
WORKDIR src
        ~~~`,
      output: null,
    },
  ],
});

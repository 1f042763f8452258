import rule from '../../../server/src/rules/dockerfile/copy-relative-without-workdir';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nWORKDIR /app\nCOPY . .',
    { name: 'absolute destinations', code: 'FROM node:20-slim\nCOPY . /app\nCOPY ["a", "/b/"]' },
    {
      name: 'WORKDIR in the stage built on',
      code: 'FROM node:20-slim AS base\nWORKDIR /app\nFROM base\nCOPY . .',
    },
    { name: 'a variable with no known value', code: 'FROM node:20-slim\nARG DEST\nCOPY . $DEST' },
    { name: 'a variable holding an absolute path', code: 'FROM node:20-slim\nENV APP=/app\nCOPY . $APP' },
  ],
  invalid: [
    {
      name: 'before the WORKDIR, not after',
      code: `
FROM node:20-slim
COPY package.json .
                  ~
ADD ["app.tar", "app/"]
                ~~~~~~
WORKDIR /app
COPY . .`,
      output: null,
    },
  ],
});

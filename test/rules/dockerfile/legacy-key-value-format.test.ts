import rule from '../../../server/src/rules/dockerfile/legacy-key-value-format';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20\nENV NODE_ENV=production',
    { name: 'several pairs', code: 'FROM node:20\nENV A=1 B="two words"\nLABEL a=b c=d' },
    { name: 'ARG has no legacy form', code: 'FROM node:20\nARG A=1' },
  ],
  invalid: [
    {
      name: 'ENV key value',
      code: `
FROM node:20
ENV NODE_ENV production
    ~~~~~~~~`,
      output: 'FROM node:20\nENV NODE_ENV=production',
    },
    {
      name: 'a quoted value keeps its quotes',
      code: `
FROM node:20
ENV GREETING "hello world"
    ~~~~~~~~`,
      output: 'FROM node:20\nENV GREETING="hello world"',
    },
    {
      name: 'a value with bare spaces is quoted whole',
      code: `
FROM node:20
ENV OPTS -Xmx1g -Xms1g $EXTRA
    ~~~~`,
      output: 'FROM node:20\nENV OPTS="-Xmx1g -Xms1g $EXTRA"',
    },
    {
      name: 'LABEL, lower case keyword',
      code: `
FROM node:20
label maintainer jane@example.com
      ~~~~~~~~~~`,
      output: 'FROM node:20\nlabel maintainer=jane@example.com',
    },
    {
      name: 'no fix when quotes and bare spaces mix',
      code: `
FROM node:20
ENV A "x" y
    ~`,
      output: null,
    },
    {
      name: 'no fix across a continuation',
      code: 'FROM node:20\nENV A \\\n  b c',
      ranges: ['1:4-1:5'],
      output: null,
    },
    {
      name: 'CRLF',
      code: 'FROM node:20\r\nENV PATH /app/bin:$PATH\r\n',
      ranges: ['1:4-1:8'],
      output: 'FROM node:20\r\nENV PATH=/app/bin:$PATH\r\n',
    },
  ],
});

import rule from '../../../server/src/rules/dockerfile/user-non-numeric';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nUSER 1000',
    { name: 'uid and gid', code: 'FROM node:20-slim\nUSER 10001:10001' },
    { name: 'an ARG holding a number', code: 'FROM node:20-slim\nARG UID=10001\nUSER ${UID}' },
    {
      name: 'Windows images',
      code: 'FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerAdministrator',
    },
    { name: 'an ARG with no known value', code: 'FROM node:20-slim\nARG UID\nUSER $UID' },
  ],
  invalid: [
    {
      name: 'names',
      code: `
FROM node:20-slim
USER node
     ~~~~
USER app:app
     ~~~~~~~`,
      output: null,
    },
  ],
});

import rule from '../../../server/src/rules/dockerfile/npm-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20\nRUN npm install -g pnpm@9.12.0 @angular/cli@18.2.0',
    { name: 'package.json installs', code: 'FROM node:20\nRUN npm install && npm ci' },
    {
      name: 'paths, tarballs and git refs',
      code: 'FROM node:20\nRUN npm install ./lib app-1.0.0.tgz git+https://github.com/a/b#v1',
    },
    {
      name: 'a version from an ARG',
      code: 'FROM node:20\nARG PNPM_VERSION\nRUN npm i -g pnpm@$PNPM_VERSION',
    },
  ],
  invalid: [
    {
      name: 'unpinned, scoped, and a moving tag',
      code: `
FROM node:20
RUN npm install -g yarn @nestjs/cli npm@latest
                   ~~~~ ~~~~~~~~~~~ ~~~~~~~~~~`,
      output: null,
    },
  ],
});

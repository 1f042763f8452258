import rule from '../../../server/src/rules/dockerfile/yarn-cache-clean';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20-slim\nRUN yarn install --frozen-lockfile && yarn cache clean',
    {
      name: 'a builder stage',
      code: 'FROM node:20 AS build\nRUN yarn install && yarn build\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html',
    },
    {
      name: 'a cache mount',
      code: 'FROM node:20-slim\nRUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install',
    },
    {
      name: 'a cache folder elsewhere',
      code: 'FROM node:20-slim\nRUN yarn install --cache-folder /tmp/yc && rm -rf /tmp/yc',
    },
    {
      name: 'other subcommands',
      code: 'FROM node:20-slim\nRUN yarn build && yarn --cwd app test && yarn --version',
    },
  ],
  invalid: [
    {
      name: 'install, add and a bare yarn',
      code: `
FROM node:20-slim
RUN yarn --frozen-lockfile && yarn add pm2 && yarn cache clean && yarn install
                                                                  ~~~~~~~~~~~~`,
      output:
        'FROM node:20-slim\nRUN yarn --frozen-lockfile && yarn add pm2 && yarn cache clean && yarn install && yarn cache clean',
    },
    {
      name: 'a bare yarn',
      code: `
FROM node:20-slim
RUN NODE_ENV=production yarn
                        ~~~~`,
      output: 'FROM node:20-slim\nRUN NODE_ENV=production yarn && yarn cache clean',
    },
  ],
});

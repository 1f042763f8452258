import rule from '../../../server/src/rules/dockerfile/json-args';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM python:3.12-slim\nCMD ["gunicorn", "app:app"]',
    'FROM python:3.12-slim\nENTRYPOINT ["/docker-entrypoint.sh"]\nCMD ["serve"]',
    { name: 'RUN in shell form is fine', code: 'FROM alpine:3.20\nRUN echo hi' },
  ],
  invalid: [
    {
      name: 'plain CMD converts to JSON',
      code: `
FROM python:3.12-slim
CMD gunicorn config.wsgi:application --bind 0.0.0.0:8000
    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: 'FROM python:3.12-slim\nCMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000"]',
    },
    {
      name: 'ENTRYPOINT with quotes',
      code: `
FROM node:20-slim
ENTRYPOINT node 'server.js'
           ~~~~~~~~~~~~~~~~`,
      output: 'FROM node:20-slim\nENTRYPOINT ["node", "server.js"]',
    },
    {
      name: 'a command that needs a shell is reported without a fix',
      code: `
FROM alpine:3.20
CMD echo $HOME && exec app
    ~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'continuation lines are joined',
      code: 'FROM alpine:3.20\nCMD app \\\n  --port 80',
      ranges: ['1:4-2:11'],
      output: 'FROM alpine:3.20\nCMD ["app", "--port", "80"]',
    },
  ],
});

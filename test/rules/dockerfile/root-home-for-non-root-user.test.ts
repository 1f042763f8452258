import rule from '../../../server/src/rules/dockerfile/root-home-for-non-root-user';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'running as root, /root is readable',
      code: 'FROM python:3.12-slim\nCOPY --from=builder /root/.local /root/.local\nENV PATH=/root/.local/bin:$PATH',
    },
    {
      name: 'a virtual environment in /opt',
      code: 'FROM python:3.12-slim\nCOPY --from=builder /opt/venv /opt/venv\nENV PATH=/opt/venv/bin:$PATH\nUSER app',
    },
    {
      name: 'only builder stages use /root',
      code: 'FROM python:3.12-slim AS builder\nCOPY req.txt /root/\nUSER app\nFROM python:3.12-slim\nUSER root',
    },
    {
      name: 'a user known only at build time',
      code: 'FROM alpine:3.20\nARG RUN_AS\nCOPY x /root/x\nUSER $RUN_AS',
    },
    { name: '/rootfs is not /root', code: 'FROM alpine:3.20\nCOPY x /rootfs/x\nUSER 1001' },
  ],
  invalid: [
    {
      name: 'seed 000 recommended Dockerfile: pip --user packages copied to /root and a non-root user',
      code: `
FROM python:3.11-slim AS builder
RUN pip install --no-cache-dir --user -r requirements.txt
FROM python:3.11-slim
WORKDIR /app
COPY --from=builder /root/.local /root/.local
                                 ~~~~~~~~~~~~
ENV PATH=/root/.local/bin:$PATH
         ~~~~~~~~~~~~~~~~~~~~~~
RUN useradd -m -u 1000 publishing && chown -R publishing:publishing /app
USER publishing
CMD ["uvicorn", "app:app"]`,
      messageIds: ['copied', 'path'],
      output: null,
    },
    {
      name: 'JSON-form COPY and a numeric user',
      code: `
FROM node:20-slim
COPY ["config.json", "/root/app/"]
                     ~~~~~~~~~~~~
USER 1001:1001`,
    },
  ],
});

import rule from '../../../server/src/rules/dockerfile/tls-verification-disabled';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN curl -fsSL https://example.com/a -o /a && wget -q https://example.com/b',
    { name: 'a header that mentions -k', code: 'FROM debian:12\nRUN curl -H "X-k: 1" https://example.com' },
    {
      name: 'verification explicitly on',
      code: 'FROM node:20\nENV NODE_TLS_REJECT_UNAUTHORIZED=1 NPM_CONFIG_STRICT_SSL=true',
    },
    {
      name: 'git with verification on',
      code: 'FROM debian:12\nRUN git -c http.sslVerify=true clone https://x.test/r',
    },
    { name: 'the words in an echo', code: 'FROM debian:12\nRUN echo curl --insecure' },
  ],
  invalid: [
    {
      name: 'curl -k in a flag group, wget, pip',
      code: `
FROM python:3.12
RUN curl -fsSLk https://x.test/a -o /a && wget --no-check-certificate https://x.test/b
         ~~~~~~                                ~~~~~~~~~~~~~~~~~~~~~~
RUN pip install --trusted-host pypi.internal -r requirements.txt
                ~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'package managers that skip signatures',
      code: `
FROM debian:12
RUN apt-get install -y --allow-unauthenticated curl
                       ~~~~~~~~~~~~~~~~~~~~~~~
RUN yum install -y --nogpgcheck curl && rpm -i --nosignature x.rpm && apk add --allow-untrusted x.apk
                   ~~~~~~~~~~~~                ~~~~~~~~~~~~~                  ~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'npm and git',
      code: `
FROM node:20
RUN npm config set strict-ssl false
    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
RUN git -c http.sslVerify=false clone https://x.test/r
           ~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'variables in ENV, export and before a command',
      code: `
FROM node:20
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
    ~~~~~~~~~~~~~~~~~~~~~~~~~~~~
RUN export PYTHONHTTPSVERIFY=0 && GIT_SSL_NO_VERIFY=true git clone https://x.test/r
           ~~~~~~~~~~~~~~~~~~~    ~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'CRLF',
      code: 'FROM debian:12\r\nRUN curl --insecure https://x.test\r\n',
      ranges: ['1:9-1:19'],
      output: null,
    },
  ],
});

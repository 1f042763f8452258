import rule from '../../../server/src/rules/dockerfile/add-instead-of-copy';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM alpine:3.20\nCOPY . /app',
    { name: 'URL', code: 'FROM alpine:3.20\nADD https://example.com/tool.sh /usr/local/bin/tool' },
    { name: 'git URL', code: 'FROM alpine:3.20\nADD git@github.com:moby/buildkit.git /src' },
    {
      name: 'git over https with a ref',
      code: 'FROM alpine:3.20\nADD https://github.com/moby/buildkit.git#v0.14.0 /src',
    },
    { name: 'tar archive is unpacked', code: 'FROM debian:12\nADD rootfs.tar /' },
    { name: 'tar.gz', code: 'FROM debian:12\nADD dist/app-1.2.tar.gz /opt/' },
    { name: 'tgz', code: 'FROM debian:12\nADD app.tgz /opt/' },
    { name: 'tar.bz2', code: 'FROM debian:12\nADD app.tar.bz2 /opt/' },
    { name: 'tar.xz', code: 'FROM debian:12\nADD app.tar.xz /opt/' },
    { name: 'txz', code: 'FROM debian:12\nADD app.txz /opt/' },
    { name: 'tar.zst', code: 'FROM debian:12\nADD app.tar.zst /opt/' },
    { name: 'upper-case extension', code: 'FROM debian:12\nADD APP.TAR.GZ /opt/' },
    {
      name: 'one archive among the sources: ADD is needed',
      code: 'FROM debian:12\nADD vendor.tar.gz config.yml /opt/',
    },
    {
      name: '--checksum',
      code: 'FROM alpine:3.20\nADD --checksum=sha256:24454f830cdd571e2c4ad5f1ba84e4e5a2bd8c33b5d5b1c9a3d4c1ce2f4d5e6f7 https://example.com/x /x',
    },
    {
      name: '--keep-git-dir',
      code: 'FROM alpine:3.20\nADD --keep-git-dir=true https://github.com/a/b.git /src',
    },
    { name: 'JSON form with a URL', code: 'FROM alpine:3.20\nADD ["https://example.com/a.sh", "/a.sh"]' },
    { name: 'archive held in an ARG', code: 'FROM debian:12\nARG BUNDLE=app.tar.gz\nADD ${BUNDLE} /opt/' },
    {
      name: 'URL held in a global ARG',
      code: 'ARG URL=https://example.com/a\nFROM debian:12\nARG URL\nADD $URL /a',
    },
    { name: 'variable with no known value', code: 'FROM debian:12\nARG SRC\nADD $SRC /opt/' },
    { name: 'heredoc', code: 'FROM alpine:3.20\nADD <<EOF /etc/motd\nhello\nEOF' },
    { name: 'ADD without a destination is a syntax error, not this rule', code: 'FROM alpine:3.20\nADD app' },
  ],
  invalid: [
    {
      name: 'local files',
      code: `
FROM node:20-slim
ADD package.json package-lock.json ./
~~~`,
      output: 'FROM node:20-slim\nCOPY package.json package-lock.json ./',
    },
    {
      name: 'flags are kept',
      code: `
FROM node:20-slim
ADD --chown=node:node --chmod=644 . /app
~~~`,
      output: 'FROM node:20-slim\nCOPY --chown=node:node --chmod=644 . /app',
    },
    {
      name: 'lower-case keyword stays lower-case',
      code: `
from node:20-slim
add src /app/src
~~~`,
      output: 'from node:20-slim\ncopy src /app/src',
    },
    {
      name: 'mixed-case keyword',
      code: `
FROM node:20-slim
Add src /app/src
~~~`,
      output: 'FROM node:20-slim\nCopy src /app/src',
    },
    {
      name: 'JSON form',
      code: `
FROM alpine:3.20
ADD ["my file.txt", "/app/"]
~~~`,
      output: 'FROM alpine:3.20\nCOPY ["my file.txt", "/app/"]',
    },
    {
      name: 'a zip is not unpacked by ADD',
      code: `
FROM alpine:3.20
ADD app.zip /opt/
~~~`,
      output: 'FROM alpine:3.20\nCOPY app.zip /opt/',
    },
    {
      name: 'variable resolved from ENV to a plain file',
      code: `
FROM alpine:3.20
ENV CONF="app.conf"
ADD \${CONF} /etc/
~~~`,
      output: 'FROM alpine:3.20\nENV CONF="app.conf"\nCOPY ${CONF} /etc/',
    },
    {
      name: 'a wildcard could match an archive: the fix says it changes behaviour',
      code: `
FROM alpine:3.20
ADD files/* /opt/
~~~`,
      output: 'FROM alpine:3.20\nCOPY files/* /opt/',
    },
    {
      name: 'every stage',
      code: `
FROM golang:1.22 AS build
ADD . /src
~~~
FROM alpine:3.20
ADD config.yml /etc/app/
~~~`,
      output: 'FROM golang:1.22 AS build\nCOPY . /src\nFROM alpine:3.20\nCOPY config.yml /etc/app/',
    },
    {
      name: 'CRLF line endings are kept',
      code: 'FROM alpine:3.20\r\nADD app.conf /etc/\r\nRUN true\r\n',
      ranges: ['1:0-1:3'],
      output: 'FROM alpine:3.20\r\nCOPY app.conf /etc/\r\nRUN true\r\n',
    },
  ],
});

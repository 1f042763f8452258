import rule from '../../../server/src/rules/dockerfile/bashism-in-sh';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM debian:12\nRUN if [ -f /x ]; then . /etc/profile; fi && [ "$A" = b ]',
    {
      name: 'bash set by SHELL',
      code: 'FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN [[ -f /x ]] && source /etc/profile && mkdir -p /a/{b,c}',
    },
    { name: 'images whose sh is bash', code: 'FROM rockylinux:9\nRUN [[ -f /x ]] && source /etc/profile' },
    { name: 'an unknown image', code: 'FROM example.com/base:1\nRUN [[ -f /x ]]' },
    {
      name: 'Alpine ash has these',
      code: 'FROM alpine:3.20\nRUN [[ -f /x ]] && source /etc/profile && [ a == a ] && cat <<< "x"',
    },
    {
      name: 'quoted and parameter braces',
      code: 'FROM debian:12\nRUN find . -name \'*.{js,css}\' && echo ${A:-a,b} && echo "{a,b}" && find . -exec rm {} +',
    },
    { name: 'bash -c bodies', code: "FROM debian:12\nRUN bash -c '[[ -f /x ]] && source /y'" },
    { name: 'a heredoc run by bash', code: 'FROM debian:12\nRUN <<EOF bash\n[[ -f /x ]]\nEOF' },
    { name: 'a heredoc with a #! line', code: 'FROM debian:12\nRUN <<EOF\n#!/bin/bash\n[[ -f /x ]]\nEOF' },
    { name: 'a here-string in quotes', code: "FROM debian:12\nRUN echo 'a <<< b'" },
  ],
  invalid: [
    {
      name: 'dash: every kind, with the POSIX fixes',
      code: `
FROM python:3.12-slim
RUN if [[ -f /x ]]; then source /etc/profile; fi && [ "$A" == b ] && mkdir -p /opt/{bin,lib}
       ~~                ~~~~~~                            ~~                 ~~~~~~~~~~~~~~
RUN arr=(a b) && cat <<< "x"; function f { :; }
    ~~~~             ~~~      ~~~~~~~~`,
      messageIds: ['bashism', 'bashism', 'bashism', 'bashism', 'bashism', 'bashism', 'bashism'],
    },
    {
      name: 'the fixes',
      code: `
FROM ubuntu:24.04
RUN source /etc/os-release && test "$ID" == ubuntu
    ~~~~~~                               ~~`,
      output: 'FROM ubuntu:24.04\nRUN . /etc/os-release && test "$ID" = ubuntu',
    },
    {
      name: 'Alpine: arrays and brace expansion only; CRLF',
      code: 'FROM alpine:3.20\r\nRUN [[ -f /x ]] && touch /{a,b}',
      ranges: ['1:25-1:31'],
      output: null,
    },
  ],
});

import rule from '../../../server/src/rules/dockerfile/no-latest-tag';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM node:20-alpine\nCMD ["node"]',
    { name: 'registry with a port and a tag', code: 'FROM localhost:5000/team/app:1.4.2' },
    { name: 'a digest pins the image', code: 'FROM node@sha256:' + 'a'.repeat(64) },
    { name: 'a digest pins even with :latest', code: 'FROM node:latest@sha256:' + 'b'.repeat(64) },
    { name: 'scratch is not an image', code: 'FROM scratch\nCOPY app /app' },
    {
      name: 'an earlier stage is not an image',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM build\nCMD ["/app"]',
    },
    {
      name: 'stage names compare case-insensitively',
      code: 'FROM golang:1.22 AS Build\nFROM build AS test',
    },
    {
      name: 'ARG default gives a tag',
      code: 'ARG NODE_VERSION=20\nFROM node:${NODE_VERSION}-alpine',
    },
    {
      name: 'quoted ARG default gives a tag',
      code: 'ARG NODE_VERSION="20"\nFROM node:$NODE_VERSION',
    },
    {
      name: 'chained ARG defaults',
      code: 'ARG MAJOR=3\nARG PY=python:${MAJOR}.12\nFROM ${PY}',
    },
    {
      name: 'a variable with no default stays quiet',
      code: 'ARG BASE_IMAGE\nFROM ${BASE_IMAGE}',
    },
    {
      name: 'an unknown registry variable stays quiet',
      code: 'FROM ${REGISTRY}/node',
    },
    {
      name: 'an ARG that names an earlier stage',
      code: 'ARG BASE=deps\nFROM node:20 AS deps\nFROM ${BASE}',
    },
  ],
  invalid: [
    {
      name: 'untagged image',
      code: `
FROM python
     ~~~~~~
CMD ["python"]`,
      messageIds: ['untagged'],
      output: null,
    },
    {
      name: ':latest is reported on the tag',
      code: `
FROM ubuntu:latest AS base
            ~~~~~~`,
      messageIds: ['latest'],
    },
    {
      name: 'registry, path and latest',
      code: `
FROM ghcr.io/acme/tools:latest
                        ~~~~~~`,
    },
    {
      name: 'untagged image with a registry port',
      code: `
FROM localhost:5000/app
     ~~~~~~~~~~~~~~~~~~`,
    },
    {
      name: 'ARG default that resolves to latest is reported on the image',
      code: `
ARG TAG=latest
FROM node:\${TAG}
     ~~~~~~~~~~~`,
      messageIds: ['latest'],
    },
    {
      name: 'ARG default with no tag',
      code: `
ARG BASE=debian
FROM $BASE
     ~~~~~`,
      messageIds: ['untagged'],
    },
    {
      name: 'every stage is checked; a later stage name is still an image for an earlier FROM',
      code: `
FROM builder
     ~~~~~~~
FROM golang:1.22 AS builder
FROM alpine
     ~~~~~~`,
    },
    {
      name: 'platform flag and lower-case keyword',
      code: `
from --platform=$BUILDPLATFORM nginx as web
                               ~~~~~`,
    },
    {
      name: 'CRLF file',
      code: 'FROM alpine\r\nRUN true\r\n',
      ranges: ['0:5-0:11'],
      output: null,
    },
  ],
});

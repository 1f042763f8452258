import rule from '../../../server/src/rules/dockerfile/apt-lists-not-removed';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    {
      name: 'a cache mount over /var/lib/apt',
      code: 'FROM debian:12\nRUN --mount=type=cache,target=/var/lib/apt apt-get update && apt-get install -y curl',
    },
    {
      name: 'apt-get dist-clean',
      code: 'FROM debian:13\nRUN apt-get update; apt-get install -y --no-install-recommends ca-certificates; apt-get dist-clean',
    },
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && apt-get clean && rm -rf /var/lib/apt/lists',
    {
      name: 'sudo rm with other paths',
      code: 'FROM ubuntu:24.04\nRUN sudo apt-get update && sudo apt-get install -y curl && sudo rm -rf /tmp/* /var/lib/apt/lists/*',
    },
    {
      name: 'builder stages are not checked',
      code: `
FROM debian:bookworm AS build
RUN apt-get update && apt-get install -y build-essential
RUN make
FROM debian:bookworm-slim
COPY --from=build /src/app /app`,
    },
    {
      name: 'cache mount over the lists',
      code: 'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/lib/apt/lists,sharing=locked apt-get update && apt-get install -y curl',
    },
    {
      name: 'install without update in the same RUN',
      code: 'FROM debian:bookworm-slim\nCOPY app.deb /tmp/\nRUN apt-get install -y /tmp/app.deb',
    },
    {
      name: 'heredoc that removes the lists',
      code: 'FROM debian:bookworm-slim\nRUN <<EOF\napt-get update\napt-get install -y curl\nrm -rf /var/lib/apt/lists/*\nEOF',
    },
    {
      name: 'update alone is left to apt-update-separate',
      code: 'FROM debian:bookworm-slim\nRUN apt-get update',
    },
    {
      name: 'JSON form is not checked',
      code: 'FROM debian:bookworm-slim\nRUN ["sh", "-c", "apt-get update && apt-get install -y curl"]',
    },
  ],
  invalid: [
    {
      name: 'a cache mount over /var/cache/apt keeps the packages out, not the lists',
      code: 'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl',
      ranges: ['1:63-1:78'],
      output:
        'FROM debian:bookworm-slim\nRUN --mount=type=cache,target=/var/cache/apt apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'no fix after a quote left open: the removal would become part of the quoted text',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl '
                      ~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'no fix after an unclosed ${',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl \${A:-x
                      ~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'no fix after a backtick left open in a redirection target',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl >\`x
                      ~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'lists left behind',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl
                      ~~~~~~~~~~~~~~~`,
      output:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
    },
    {
      name: 'removal before the last install does not count; appended after trailing redirections',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && apt-get install -y git > /dev/null 2>&1 # quiet
                                                                                ~~~~~~~~~~~~~~~`,
      output:
        'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/* && apt-get install -y git > /dev/null 2>&1 && rm -rf /var/lib/apt/lists/* # quiet',
    },
    {
      name: 'sudo, continuation lines, in the stage the final one is built on',
      code: `
FROM ubuntu:24.04 AS base
RUN sudo apt update \\
    && sudo apt install -y curl \\
            ~~~~~~~~~~~
    && echo done
FROM base
CMD ["curl", "--version"]`,
      output:
        'FROM ubuntu:24.04 AS base\nRUN sudo apt update \\\n    && sudo apt install -y curl \\\n    && echo done && rm -rf /var/lib/apt/lists/*\nFROM base\nCMD ["curl", "--version"]',
    },
    {
      name: 'heredoc gets a new last line',
      code: `
FROM debian:bookworm-slim
RUN <<EOF
set -e
apt-get update
  apt-get install -y curl
  ~~~~~~~~~~~~~~~
EOF`,
      output:
        'FROM debian:bookworm-slim\nRUN <<EOF\nset -e\napt-get update\n  apt-get install -y curl\n  rm -rf /var/lib/apt/lists/*\nEOF',
    },
    {
      name: 'no fix when a later RUN still needs the lists',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl
                      ~~~~~~~~~~~~~~~
RUN apt-get install -y git`,
      output: null,
    },
    {
      name: 'no fix when the RUN ends with a background job',
      code: `
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y curl && sleep 1 &
                      ~~~~~~~~~~~~~~~`,
      output: null,
    },
    {
      name: 'CRLF',
      code: 'FROM debian:bookworm-slim\r\nRUN apt-get update \\\r\n && apt-get install -y curl\r\n',
      ranges: ['2:4-2:19'],
      output:
        'FROM debian:bookworm-slim\r\nRUN apt-get update \\\r\n && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\r\n',
    },
    {
      name: 'CRLF heredoc',
      code: 'FROM debian:bookworm-slim\r\nRUN <<EOF\r\napt-get update\r\napt-get install -y curl\r\nEOF\r\n',
      ranges: ['3:0-3:15'],
      output:
        'FROM debian:bookworm-slim\r\nRUN <<EOF\r\napt-get update\r\napt-get install -y curl\r\nrm -rf /var/lib/apt/lists/*\r\nEOF\r\n',
    },
  ],
});

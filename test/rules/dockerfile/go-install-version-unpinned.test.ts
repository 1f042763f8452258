import rule from '../../../server/src/rules/dockerfile/go-install-version-unpinned';
import { testRule } from '../../helpers/rule-tester';

testRule(rule, {
  valid: [
    'FROM golang:1.23\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1',
    {
      name: 'local packages',
      code: 'FROM golang:1.23\nRUN go install ./cmd/... && go install -ldflags "-s -w" .',
    },
    {
      name: 'a version from an ARG',
      code: 'FROM golang:1.23\nARG DLV\nRUN go install github.com/go-delve/delve/cmd/dlv@${DLV}',
    },
    { name: 'go build is not go install', code: 'FROM golang:1.23\nRUN go build -o /app ./cmd/app' },
  ],
  invalid: [
    {
      name: 'latest and a branch; a package without a version follows go.mod',
      code: `
FROM golang:1.23
RUN go install golang.org/x/tools/gopls@latest honnef.co/go/tools/cmd/staticcheck@master github.com/a/b
               ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~ ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~`,
      output: null,
    },
  ],
});

import rule from '../../../server/src/rules/kubernetes/image-tag';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const POD = (image: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    image: ${image}\n`;

testKubernetesRule(rule, {
  valid: [
    POD('registry.example.com/publishing-api:v1.0.0'),
    {
      name: 'a digest pins the image',
      code: POD('nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31'),
    },
    { name: 'a registry port is not a tag', code: POD('localhost:5000/team/app:1.2.3') },
    { name: 'a template variable is filled in at deploy time', code: POD('registry.example.com/app:${TAG}') },
    {
      name: 'a CRD image field is not a container',
      code: 'apiVersion: example.com/v1\nkind: App\nmetadata:\n  name: a\nspec:\n  image: app:latest\n',
    },
  ],
  invalid: [
    {
      name: ':latest',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: kore-api
spec:
  containers:
  - name: api
    image: kore-api:latest
           ~~~~~~~~~~~~~~~`,
      messageIds: ['latest'],
      output: null,
    },
    {
      name: 'no tag, on an init container, behind a registry port (CRLF)',
      code: 'apiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  initContainers:\r\n  - name: wait\r\n    image: "localhost:5000/tools/wait"\r\n  containers:\r\n  - name: c\r\n    image: busybox:1.36\r\n',
      ranges: ['7:11-7:38'],
      messageIds: ['untagged'],
    },
  ],
});

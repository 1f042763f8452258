import rule from '../../../server/src/rules/kubernetes/invalid-port';
import { podWith } from '../../helpers/kubernetes-fixtures';
import { testKubernetesRule } from '../../helpers/kubernetes-tester';

const service = (ports: string): string =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n${ports}`;

testKubernetesRule(rule, {
  valid: [
    podWith(
      '    ports:\n    - name: http\n      containerPort: 8080\n    - name: metrics-9090\n      containerPort: 9090\n',
    ),
    {
      name: 'a hostPort of 0 is unset; the same number over TCP and UDP',
      code: podWith(
        '    ports:\n    - containerPort: 53\n      hostPort: 0\n    - containerPort: 53\n      protocol: UDP\n',
      ),
    },
    service(
      '  - name: http\n    port: 80\n    targetPort: http\n  - name: dns\n    port: 53\n    protocol: UDP\n',
    ),
    service('  - port: 80\n    targetPort: 8080\n'),
    {
      name: 'two ports on 53, one TCP and one UDP; a placeholder name',
      code: service(
        '  - name: dns-tcp\n    port: 53\n  - name: dns-udp\n    port: 53\n    protocol: UDP\n  - name: ${PORT_NAME}\n    port: 8080\n',
      ),
    },
    {
      name: 'a kustomize patch is not asked for names it may merge into',
      code: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  $patch: merge\nspec:\n  ports:\n  - port: 80\n  - port: 443\n',
    },
  ],
  invalid: [
    {
      name: 'container port names: too long, underscore, no letter, double hyphen; a duplicate; out of range',
      code: `
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
  - name: api
    image: registry.example.com/api:1.4.2
    ports:
    - name: prometheus-metrics
            ~~~~~~~~~~~~~~~~~~
      containerPort: 9090
    - name: http_alt
            ~~~~~~~~
      containerPort: 8080
    - name: "8443"
            ~~~~~~
      containerPort: 8443
    - name: grpc--web
            ~~~~~~~~~
      containerPort: 8081
    - name: admin
      containerPort: 70000
                     ~~~~~
    - name: admin
            ~~~~~
      containerPort: 9000
      hostPort: 65536
                ~~~~~`,
      messageIds: ['name', 'name', 'name', 'name', 'number', 'duplicateName', 'number'],
      output: null,
    },
    {
      name: 'Service ports: an unnamed second port, a bad name, a duplicate port and protocol',
      code: `
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  ports:
  - name: Web
          ~~~
    port: 80
  - port: 80
          ~~
          ~~`,
      messageIds: ['serviceName', 'unnamed', 'duplicatePort'],
      output: null,
    },
    {
      name: 'a quoted numeric targetPort is a name the API server rejects: unquoted (CRLF)',
      code: service('  - name: http\r\n    port: 80\r\n    targetPort: "8080"\r\n')
        .replace(/\n/g, '\r\n')
        .replace(/\r\r/g, '\r'),
      ranges: ['10:16-10:22'],
      messageIds: ['quoted'],
      output:
        'apiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: web\r\nspec:\r\n  selector:\r\n    app: web\r\n  ports:\r\n  - name: http\r\n    port: 80\r\n    targetPort: 8080\r\n',
    },
  ],
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A generated monorepo for the CLI's scale tests and benchmark: `services/svc-NNNN/` folders, each with a
 * Dockerfile, a .dockerignore, a Compose file and its .env, and Kubernetes manifests, some clean and some
 * with findings, decided by a deterministic generator so every run writes the same tree. Beside them: a
 * node_modules folder and ignored build output, which a walk must skip.
 */
function prng(n: number): () => number {
  let a = n >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function dockerfile(k: number, r: () => number): string {
  const base = r() < 0.3 ? 'python:latest' : 'python:3.12-slim';
  const lines = [`FROM ${base}`, 'WORKDIR /app'];
  if (r() < 0.4) lines.push('RUN apt-get update && apt-get install curl');
  else
    lines.push(
      'RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*',
    );
  lines.push('COPY requirements.txt .', 'RUN pip install --no-cache-dir -r requirements.txt', 'COPY . .');
  if (r() < 0.5) lines.push('USER 1000');
  lines.push(`EXPOSE ${8000 + (k % 1000)}`);
  lines.push(r() < 0.4 ? 'CMD python app.py' : 'CMD ["python", "app.py"]');
  return lines.join('\n') + '\n';
}

function compose(k: number, r: () => number): string {
  const tag = r() < 0.3 ? 'latest' : '1.4.2';
  return [
    ...(r() < 0.3 ? ["version: '3.8'"] : []),
    'services:',
    `  svc${k}:`,
    '    build: .',
    `    image: registry.example.com/svc${k}:${tag}`,
    '    ports:',
    `      - "\${PORT:-${8000 + (k % 1000)}}:8000"`,
    '    environment:',
    '      LOG_LEVEL: ${LOG_LEVEL}',
    ...(r() < 0.5 ? ['    restart: unless-stopped'] : []),
    '  db:',
    '    image: postgres:16',
    ...(r() < 0.3 ? ['    ports:', '      - "5432:5432"'] : []),
    '',
  ].join('\n');
}

function deployment(k: number, r: () => number): string {
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: svc${k}`,
    'spec:',
    `  replicas: ${r() < 0.3 ? 1 : 3}`,
    '  selector:',
    '    matchLabels:',
    `      app: svc${k}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        app: svc${k}`,
    '    spec:',
    '      containers:',
    `        - name: svc${k}`,
    `          image: registry.example.com/svc${k}:${r() < 0.3 ? 'latest' : '1.4.2'}`,
    '          ports:',
    '            - containerPort: 8000',
    ...(r() < 0.5
      ? [
          '          resources:',
          '            requests: { cpu: 100m, memory: 128Mi }',
          '            limits: { cpu: 500m, memory: 256Mi }',
        ]
      : []),
    '',
  ].join('\n');
}

function service(k: number): string {
  return [
    'apiVersion: v1',
    'kind: Service',
    'metadata:',
    `  name: svc${k}`,
    'spec:',
    '  selector:',
    `    app: svc${k}`,
    '  ports:',
    '    - port: 80',
    '      targetPort: 8000',
    '',
  ].join('\n');
}

/** Writes about `files` lintable files under `root` (rounded to whole services of 5 files); returns how many. */
export function writeProjectTree(root: string, files: number, variant = 1): number {
  const r = prng(variant);
  const services = Math.max(1, Math.round(files / 5));
  writeFileSync(join(root, '.gitignore'), 'build/\n*.generated.yaml\n!keep.generated.yaml\n');
  for (let k = 0; k < services; k++) {
    const dir = join(root, 'services', `group-${Math.floor(k / 100)}`, `svc-${String(k).padStart(5, '0')}`);
    mkdirSync(join(dir, 'k8s'), { recursive: true });
    writeFileSync(join(dir, 'Dockerfile'), dockerfile(k, r));
    writeFileSync(join(dir, '.dockerignore'), '.git\n');
    writeFileSync(join(dir, 'docker-compose.yml'), compose(k, r));
    writeFileSync(join(dir, '.env'), `LOG_LEVEL=info\n`);
    writeFileSync(join(dir, 'k8s', 'deployment.yaml'), deployment(k, r));
    writeFileSync(join(dir, 'k8s', 'service.yaml'), service(k));
    writeFileSync(join(dir, 'config.yaml'), `name: svc${k}\nreplicas: 3\n`);
  }
  // What a walk must not read: dependencies and ignored output.
  mkdirSync(join(root, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(
    join(root, 'node_modules', 'pkg', 'Dockerfile'),
    'FROM scratch\nFROM scratch AS x\nFROM x AS x\n',
  );
  mkdirSync(join(root, 'build'), { recursive: true });
  writeFileSync(join(root, 'build', 'Dockerfile'), 'FROM scratch AS x\nFROM x AS x\n');
  writeFileSync(join(root, 'services', 'app.generated.yaml'), deployment(0, r));
  return services * 5;
}

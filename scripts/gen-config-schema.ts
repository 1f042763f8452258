// Writes schemas/shipshape-config.schema.json (the JSON schema of .shipshape.yaml, which VS Code's YAML
// extension applies through `yamlValidation`) and the list of rule ids in package.json's `shipshape.rules`
// setting, both from the rule catalog. With --check, fails when either would change (run by `npm run lint`).
import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { LEVELS } from '../server/src/core/config-check';
import { rules } from '../server/src/rules';

const check = process.argv.includes('--check');
const stale: string[] = [];

async function write(path: string, value: unknown): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  const text = await format(JSON.stringify(value, null, 2) + '\n', { ...options, filepath: path });
  if (readFileSync(path, 'utf8') === text) return;
  if (check) stale.push(path);
  else writeFileSync(path, text);
}

const levelDescription =
  'off turns the rule off; hint, info, warning and error set the severity of its findings.';
const ruleKeys: Record<string, { enum: string[]; description: string }> = {};
for (const r of rules) {
  ruleKeys[r.id] = { enum: [...LEVELS], description: r.docs.summary };
  for (const a of r.aliases)
    ruleKeys[a] = { enum: [...LEVELS], description: `The same check as ${r.id}: ${r.docs.summary}` };
}

const schema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Shipshape configuration (.shipshape.yaml)',
  description:
    'Generated from the rule catalog by scripts/gen-config-schema.ts (npm run docs); do not edit by hand.',
  type: 'object',
  additionalProperties: false,
  properties: {
    // `null`: a key whose entries are all commented out, which Shipshape reads as empty.
    rules: {
      type: ['object', 'null'],
      description: `Level per rule id, or per id of the same check in another tool (hadolint:DL3008). ${levelDescription}`,
      properties: ruleKeys,
      // ShellCheck's findings, which are no rules of the catalog (see server/src/shellcheck/).
      patternProperties: {
        '^(?:shellcheck/|hadolint:)SC[0-9]{4}$': {
          enum: [...LEVELS],
          description: `A ShellCheck code on RUN instructions. ${levelDescription}`,
        },
      },
      additionalProperties: false,
    },
    kubernetes: {
      type: ['object', 'null'],
      additionalProperties: false,
      properties: {
        version: {
          type: 'string',
          pattern: '^v?[0-9]+\\.[0-9]+',
          description:
            'The Kubernetes version manifests are checked against, quoted ("1.30": unquoted, YAML reads 1.30 as the number 1.3).',
        },
        podSecurity: {
          enum: ['off', 'baseline', 'restricted'],
          description:
            'The Pod Security Standard pod specs are held to (kubernetes/pod-security). A Namespace of the workspace with a pod-security.kubernetes.io/enforce label decides for its objects.',
        },
      },
    },
    ignore: {
      type: ['array', 'null'],
      items: { type: 'string' },
      description: 'Globs of files not to check, relative to the workspace root (for example charts/**).',
    },
    onlyRecommended: { type: 'boolean', description: 'Run only the recommended rules.' },
    preset: {
      enum: ['minimal', 'recommended', 'strict'],
      description:
        'Which advice applies to rules not named under rules: minimal (errors only), recommended (the default) or strict (every rule).',
    },
  },
};

async function main(): Promise<void> {
  await write('schemas/shipshape-config.schema.json', schema);

  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
    contributes: { configuration: { properties: Record<string, Record<string, unknown>> } };
  };
  const setting = pkg.contributes.configuration.properties['shipshape.rules'];
  if (!setting) throw new Error('package.json has no shipshape.rules setting');
  // One list of names rather than a property per id: package.json stays readable and VS Code still flags a
  // mistyped id in settings.json.
  setting.propertyNames = {
    enum: Object.keys(ruleKeys).sort(),
    errorMessage: 'Not a Shipshape rule id or alias: run `shipshape rules` for the list.',
  };
  await write('package.json', pkg);
  if (stale.length) {
    console.error(`Out of date (run npm run docs): ${stale.join(', ')}`);
    process.exit(1);
  }
}

void main();

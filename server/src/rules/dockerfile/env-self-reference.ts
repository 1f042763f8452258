import { defineRule } from '../../core/rule';
import { scopeAt, type DockerfileModel } from '../../languages/dockerfile';

export default defineRule<DockerfileModel>({
  id: 'dockerfile/env-self-reference',
  language: 'dockerfile',
  severity: 'warning',
  recommended: true,
  instructionLocal: true,
  aliases: ['hadolint:DL3044'],
  fix: null,
  messages: {
    sameEnv:
      '`{name}` is set by this same ENV, but the builder substitutes the value from before the instruction, which is empty here: set {name} in an ENV of its own first.',
  },
  docs: {
    summary: 'An ENV value should not use a variable the same ENV sets.',
    rationale:
      'The builder substitutes every value of an ENV with the variables as they were before the instruction, so ' +
      'in `ENV DIR=/opt/app BIN=$DIR/bin`, BIN becomes `/bin`. Put the two in separate ENV instructions. A ' +
      'variable that refers to itself (`PATH=$PATH:/x`) is fine, and so is one that an earlier ARG or ENV (or ' +
      'the stages it is built FROM) already set, where the old value may be intended; hadolint does the same.',
    bad: 'FROM alpine:3.20\nENV APP_HOME=/opt/app APP_BIN=${APP_HOME}/bin\n',
    good: 'FROM alpine:3.20\nENV APP_HOME=/opt/app\nENV APP_BIN=${APP_HOME}/bin\n',
  },
  check(ctx) {
    const { model } = ctx;
    for (const ins of model.instructions) {
      if (ins.keyword !== 'ENV' || ins.properties.length < 2) continue;
      const names = new Set(ins.properties.map((p) => p.name));
      let before: ReturnType<typeof scopeAt> | null = null;
      for (const p of ins.properties) {
        if (!p.value || !p.valueRange || !p.value.includes('$')) continue;
        for (const m of p.value.matchAll(/\$\{?([A-Za-z_]\w*)/g)) {
          const name = m[1] as string;
          if (name === p.name || !names.has(name)) continue;
          before ??= scopeAt(model, ins);
          if (before.has(name)) continue;
          ctx.report({ at: p.valueRange, messageId: 'sameEnv', data: { name } });
          break;
        }
      }
    }
  },
});

import { emptySuppressions } from '../../core/suppress';
import type { TextDoc } from '../../core/text';
import { parseYamlFile, type YamlFile } from '../yaml/model';
import type { LanguageSupport } from '../support';

/** Placeholder until the Kubernetes model lands: YAML is parsed, no rule runs yet. */
export const kubernetesSupport: LanguageSupport<YamlFile & { doc: TextDoc }> = {
  language: 'kubernetes',
  createCache: () => null,
  parse: (text) => parseYamlFile(text),
  suppressions: () => emptySuppressions(),
};

/** The `shipshape.*` settings the client passes; see package.json contributes.configuration. */
export interface Settings {
  enable: boolean;
  rules: Record<string, string>;
  onlyRecommended: boolean;
  configFile: string;
}

export function defaultSettings(): Settings {
  return { enable: true, rules: {}, onlyRecommended: false, configFile: '' };
}

// Entry point that VS Code's extension host loads (--extensionTestsPath): runs the mocha suite and rejects
// when a test failed, which makes VS Code exit non-zero. Bundled by test/vscode/run.mjs into out/index.js;
// mocha and vscode stay external and are resolved in the extension host.
import Mocha from 'mocha';
import { registerScenarios } from './scenarios';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000 });
  // Scenarios register on mocha's root suite directly (the file is bundled, not loaded by mocha).
  registerScenarios(mocha.suite);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      console.log(`[vscode-test] ${failures === 0 ? 'all scenarios passed' : `${failures} test(s) failed`}`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}

/**
 * The order of the test files: vitest's own, except that the browser tests' console.test.ts
 * comes before the other e2e files. They share one system (global-system.ts), and its first
 * test checks the public statistics against the article's figures (42 tasks, 280 projects),
 * which hold for the demo year as loaded; work.test.ts publishes an accepted proposal into the
 * same year, so it runs after.
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const FIRST = /test[\\/]e2e[\\/]console\.test\.ts$/;

export default class E2eBoardFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const e2e = sorted.filter((f) => f.project.name === 'e2e');
    const ordered = [
      ...e2e.filter((f) => FIRST.test(f.moduleId)),
      ...e2e.filter((f) => !FIRST.test(f.moduleId)),
    ];
    let i = 0;
    return sorted.map((f) => (f.project.name === 'e2e' ? ordered[i++]! : f));
  }
}

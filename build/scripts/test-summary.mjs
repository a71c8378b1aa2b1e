// Prints one plain closing line per test runner ("unit: N passed, N failed, N skipped"),
// read from the JSON reports that Vitest and Playwright write during `npm test`.
import { existsSync, readFileSync } from 'node:fs';

const lines = [];
let failedTotal = 0;

if (existsSync('test-results/unit.json')) {
  const r = JSON.parse(readFileSync('test-results/unit.json', 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  failedTotal += r.numFailedTests;
  lines.push(`unit: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${skipped} skipped`);
}
if (existsSync('test-results/e2e.json')) {
  const r = JSON.parse(readFileSync('test-results/e2e.json', 'utf8'));
  const s = r.stats ?? {};
  const failed = s.unexpected ?? 0;
  const flaky = s.flaky ?? 0;
  failedTotal += failed;
  lines.push(
    `e2e: ${(s.expected ?? 0) + flaky} passed, ${failed} failed, ${s.skipped ?? 0} skipped`,
  );
  if (flaky > 0) lines.push(`e2e flaky (passed only on retry): ${flaky}`);
}
if (lines.length === 0) {
  process.stderr.write('test-summary: no test reports found\n');
  process.exit(1);
}
process.stdout.write(lines.join('\n') + '\n');
process.exit(failedTotal > 0 ? 1 : 0);

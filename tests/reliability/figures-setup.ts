// Collects the figures the reliability files measure (each file runs in its own process) and prints them once
// at the end of the run, for the README's operations section.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default function setup() {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'billstack-reliability-')), 'figures.jsonl');
  fs.writeFileSync(file, '');
  process.env.BILLSTACK_RELIABILITY_FIGURES = file;
  return () => {
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const figures = lines.map((line) => JSON.parse(line) as { suite: string; name: string; value: string });
    console.log('\nReliability figures');
    for (const { suite, name, value } of figures) console.log(`  ${suite.padEnd(10)} ${name.padEnd(58)} ${value}`);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  };
}

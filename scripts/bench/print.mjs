// Printing: the machine, and each section's rows with their ratios against the section's baselines.
import os from 'node:os';

export function describeMachine(runs) {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim() ?? 'unknown CPU';
  return [
    `machine: ${model} × ${cpus.length}, ${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB RAM`,
    `runtime: node ${process.version}, ${process.platform} ${process.arch} (${os.release()})`,
    // A shared machine's load moves every figure; the ratios (paired runs) much less.
    `load average at start: ${os.loadavg().map((n) => n.toFixed(1)).join(', ')} (1, 5, 15 min)`,
    `method: median of ${runs} runs after one warm-up run; ratios against baselines measured in this run (paired where marked: baseline and subject run in each round, in reverse order every other round)`,
  ].join('\n');
}

export function printSection(name, result) {
  const { title, notes = [], rows, baselines } = result;
  console.log(`\n## ${name}${title ? ` (${title})` : ''}`);
  for (const note of notes) console.log(`   ${note}`);
  if (rows.length === 0) return;
  const byKey = new Map(rows.map((row) => [row.key, row]));
  const labelWidth = Math.max(...rows.map((row) => row.label.length), 'measurement'.length);
  // A section measuring something other than time says so with `unit`, and gives `value` instead of `ms`.
  const unit = result.unit ?? 'ms';
  const valueOf = (row) => row?.value ?? row?.ms;
  const header = ['measurement'.padEnd(labelWidth), unit.padStart(10), ...baselines.map((key) => `× (${key})`.padStart(9))];
  console.log(`   ${header.join('  ')}`);
  for (const row of rows) {
    if (row.skipped !== undefined) {
      console.log(`   ${row.label.padEnd(labelWidth)}  ${'skipped'.padStart(10)}  (${row.skipped})`);
      continue;
    }
    const ratios = baselines.map((key) => {
      const baseline = byKey.get(key);
      return (valueOf(baseline) ? (valueOf(row) / valueOf(baseline)).toFixed(unit === 'ms' ? 2 : 3) : '–').padStart(9);
    });
    // A row compared with its own baseline row (one baseline per tree, say) shows that ratio after the others.
    const own = row.ratioTo && valueOf(byKey.get(row.ratioTo)) ? `  ${(valueOf(row) / valueOf(byKey.get(row.ratioTo))).toFixed(2)}× its baseline` : '';
    console.log(`   ${row.label.padEnd(labelWidth)}  ${valueOf(row).toFixed(unit === 'ms' ? 1 : 0).padStart(10)}  ${ratios.join('  ')}${own}`);
  }
}

// Command-line options for the benchmarks: `--name=value` or `--name value`, `--help`.
// Each option may also come from the environment as BENCH_NAME (dashes become underscores).

/**
 * Parses process.argv against a table of options and their defaults; prints help and exits on
 * `--help`, and exits with a message on an unknown option or a bad number.
 *
 * @param {string} usage - The first help lines (what the script does, how to run it).
 * @param {Record<string, {default: number | string, help: string}>} spec - The options.
 * @returns {Record<string, number | string>} The values, numbers where the default is a number.
 */
export function readOptions(usage, spec) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage.trim());
    console.log('\noptions (also BENCH_<NAME> environment variables):');
    const width = Math.max(...Object.keys(spec).map((name) => name.length)) + 8;
    for (const [name, { default: value, help }] of Object.entries(spec)) {
      console.log(
        `  ${`--${name}=<${typeof value === 'number' ? 'n' : 'text'}>`.padEnd(width + 4)} ${help} (default ${value})`,
      );
    }
    console.log('  --help'.padEnd(width + 7) + ' this text');
    process.exit(0);
  }
  const values = {};
  for (const [name, { default: value }] of Object.entries(spec)) {
    const env = process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
    values[name] = env === undefined ? value : env;
  }
  for (let index = 0; index < args.length; index++) {
    const match = /^--([^=]+)(?:=(.*))?$/.exec(args[index]);
    if (!match || !(match[1] in spec)) fail(`unknown argument ${args[index]} (see --help)`);
    const [, name, inline] = match;
    values[name] = inline ?? args[++index];
    if (values[name] === undefined) fail(`--${name} needs a value`);
  }
  for (const [name, { default: value }] of Object.entries(spec)) {
    if (typeof value !== 'number') continue;
    const number = Number(values[name]);
    if (!Number.isFinite(number) || number < 0) fail(`--${name} must be a non-negative number, got ${values[name]}`);
    values[name] = number;
  }
  return values;
}

function fail(message) {
  console.error(message);
  process.exit(2);
}

/** `a b --key value --flag=value c` -> positionals [a, b, c] and options {key, flag}. */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string>;
}

export function parseArgs(argv: readonly string[]): ParsedArgs | { error: string } {
  const positionals: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    if (eq > 0) {
      options[arg.slice(2, eq)] = arg.slice(eq + 1);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) return { error: `${arg} needs a value` };
    options[arg.slice(2)] = value;
    i++;
  }
  return { positionals, options };
}

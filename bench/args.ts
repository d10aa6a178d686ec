/**
 * The bench tools' command line: `--name value` options and the positional arguments
 * around them. `valueFlags` names the options that take a value, so that value is not
 * read as a positional argument (a flag without a value, like `--trace`, is not listed).
 */
export function benchArgs(valueFlags: readonly string[], argv: readonly string[] = process.argv.slice(2)) {
  return {
    argv,
    /** The number after `name`, or `d` when `name` is absent. */
    number(name: string, d: number): number {
      const i = argv.indexOf(name);
      return i >= 0 ? Number(argv[i + 1]) : d;
    },
    /** The arguments that are neither options nor an option's value, in order. */
    positional: argv.filter((a, i) => !a.startsWith('--') && !(i > 0 && valueFlags.includes(argv[i - 1]))),
  };
}

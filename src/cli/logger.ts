/** The logger plugins get: info/debug to stderr unless quiet, warnings and errors always. */
import type { Logger } from '../plugins/types.js';

export function createLogger(options: { quiet: boolean; verbose?: boolean; stream?: NodeJS.WritableStream }): Logger {
  const stream = options.stream ?? process.stderr;
  const write = (line: string) => stream.write(`${line}\n`);
  return {
    debug: (m) => (options.verbose && !options.quiet ? write(m) : undefined),
    info: (m) => (options.quiet ? undefined : write(m)),
    warn: (m) => write(`warning: ${m}`),
    error: (m) => write(`error: ${m}`),
  };
}

// Runs write-throughput.ts on Node's own type stripping: sources import `./x.js` for files that are `x.ts`.
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});

const { measureWriteThroughput } = await import('./write-throughput.ts');
process.stdout.write(`${JSON.stringify(measureWriteThroughput())}\n`);

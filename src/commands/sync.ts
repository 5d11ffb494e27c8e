import { Command, Flags } from '@oclif/core';
import type { Progress } from '../cli/progress.js';
import { createLogger } from '../cli/logger.js';
import { codeInsightsHome } from '../config/paths.js';
import { CodeInsightsError, EXIT, formatError } from '../errors.js';
import { stdinMayHoldPayload } from '../hook/read-hook-stdin.js';
import { collectInstalledPlugins } from '../plugins/installed-plugins.js';
import { executeSync } from '../sync/execute-sync.js';

/** A manual sync waits this long for a running one; a hook worker may wait longer (nobody is watching). */
const LOCK_WAIT_MS = 120_000;
const HOOK_WORKER_LOCK_WAIT_MS = 15 * 60_000;

export default class Sync extends Command {
  static override description = 'Sync Claude Code transcripts into the store (incremental: only new bytes are read)';

  static override examples = [
    '<%= config.bin %> sync',
    '<%= config.bin %> sync --dry-run',
    '<%= config.bin %> sync --project my-repo --force',
    '<%= config.bin %> sync -q',
  ];

  static override flags = {
    'dry-run': Flags.boolean({ description: 'Say what would be synced; write no store and no state' }),
    first: Flags.string({ hidden: true, multiple: true, description: 'Transcripts to sync before the rest' }),
    force: Flags.boolean({ description: 'Re-read every transcript in scope (with --project: only that project)' }),
    'hook-worker': Flags.boolean({ hidden: true, description: 'Background run started by the Claude Code hook' }),
    json: Flags.boolean({ description: 'Print one JSON object with the counts' }),
    project: Flags.string({ description: "Only this project (its name or path, as shown by 'sessions')" }),
    quiet: Flags.boolean({ char: 'q', description: 'Print nothing on success; errors still go to stderr' }),
    'regenerate-titles': Flags.boolean({ description: "Recompute stored sessions' titles and characters (custom titles kept)" }),
  };

  public async run(): Promise<void> {
    const { flags } = await this.parse(Sync);
    const home = codeInsightsHome();
    if (flags.quiet && !flags['hook-worker'] && stdinMayHoldPayload()) {
      // Loaded only for -q with a pipe or file on stdin: a Claude Code hook run hands its work to a background sync and returns at once.
      const { handOffIfHookRun } = await import('../hook/hand-off.js');
      if (await handOffIfHookRun({ quiet: true, home, argv: this.argv })) return;
    }
    const startedAt = new Date();
    const quiet = flags.quiet || flags['hook-worker'];
    const logger = createLogger({ quiet: quiet || flags.json });
    const showProgress = !quiet && !flags.json && !flags['dry-run'] && Boolean(process.stderr.isTTY);
    // Output modules load only when there is output: a quiet sync (the hook's, a script's) has none.
    const progress: Progress = showProgress ? (await import('../cli/progress.js')).createProgress() : { start() {}, tick() {}, stop() {} };
    const controller = new AbortController();
    const onSigint = () => controller.abort();
    process.once('SIGINT', onSigint);
    let exitCode: number = EXIT.OK;
    try {
      // Installed packages' pipeline plugins; their code loads here, not for other commands.
      const installed = await collectInstalledPlugins(this.config, { cwd: process.cwd(), home });
      const outcome = await executeSync({
        installed,
        cwd: process.cwd(),
        home,
        force: flags.force,
        dryRun: flags['dry-run'],
        project: flags.project ?? null,
        regenerateTitles: flags['regenerate-titles'],
        first: flags.first ?? [],
        logger,
        signal: controller.signal,
        lockWaitMs: flags['hook-worker'] ? HOOK_WORKER_LOCK_WAIT_MS : LOCK_WAIT_MS,
        onPlanned: (n) => progress.start(n),
        onTranscript: () => progress.tick(),
      });
      progress.stop();
      if (flags['hook-worker']) await recordWorker(home, startedAt, flags.first?.[0] ?? null, outcome.exitCode, outcome.summary.errors.map((e) => e.message).concat(outcome.sinkFailure ? [outcome.sinkFailure.message] : []));
      if (flags.json || !quiet) {
        const { syncJson, syncText } = await import('../cli/render-sync.js');
        if (flags.json) this.log(JSON.stringify(syncJson(outcome)));
        else for (const line of syncText(outcome, { dryRun: flags['dry-run'], project: flags.project ?? null })) this.log(line);
      }
      for (const error of outcome.summary.errors) this.logToStderr(`error: ${error.path}: ${error.message}`);
      if (outcome.sinkFailure && !outcome.summary.errors.length) this.logToStderr(`error: ${outcome.sinkFailure.message}`);
      exitCode = outcome.exitCode;
    } catch (error) {
      progress.stop();
      if (flags['hook-worker']) await recordWorker(home, startedAt, flags.first?.[0] ?? null, error instanceof CodeInsightsError ? error.exitCode : 1, [formatError(error)]);
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, suggestions: error.suggestions });
      throw error;
    } finally {
      process.off('SIGINT', onSigint);
    }
    // Outside the try: oclif's exit throws, and that must not count as a failure of the run.
    if (exitCode !== EXIT.OK) this.exit(exitCode);
  }
}

/** The background hook sync leaves its result for `status` (failures also go to hook.log). */
async function recordWorker(home: string, startedAt: Date, transcript: string | null, exitCode: number, errors: string[]): Promise<void> {
  const { recordHookRun } = await import('../hook/hook-state.js');
  recordHookRun(home, {
    startedAt,
    finishedAt: new Date(),
    exitCode,
    transcript,
    ...(errors.length > 0 ? { error: `${errors.length} error(s); first: ${errors[0]}` } : {}),
  });
}

import { Command, Flags } from '@oclif/core';
import { codeInsightsHome } from '../config/paths.js';
import { CodeInsightsError } from '../errors.js';
import { createPrompter } from '../firestore/prompter.js';
import { runInit, SINK_CHOICES, type InitResult } from '../firestore/run-init.js';

/** `code-insights init`: choose the sinks and set up Firestore once per machine. */
export default class Init extends Command {
  static override description =
    'Choose where sync writes (local SQLite store, Firestore, or both) and set up Firestore: the service-account key file (only its path is stored), the project, one test call. Re-running updates the config and keeps everything else.';
  static override enableJsonFlag = true;
  static override examples = [
    '<%= config.bin %> init',
    '<%= config.bin %> init --service-account ~/keys/my-project.json --sink both --yes',
    'FIRESTORE_EMULATOR_HOST=127.0.0.1:8080 <%= config.bin %> init --sink both --project-id demo --yes',
  ];
  static override flags = {
    'database-id': Flags.string({ description: 'Firestore database id (default "(default)")' }),
    'project-id': Flags.string({ description: "Firebase project id (default: the key file's project_id)" }),
    'service-account': Flags.string({ description: 'Path of a service-account key file (JSON); the path is stored, never the key' }),
    sink: Flags.option({ description: 'Where sync writes', options: SINK_CHOICES })(),
    yes: Flags.boolean({ char: 'y', description: 'Ask nothing: use flags, the current config and defaults' }),
  };

  async run(): Promise<InitResult> {
    const { flags } = await this.parse(Init);
    const interactive = Boolean(process.stdin.isTTY) && !flags.yes && !this.jsonEnabled();
    const prompter = interactive ? createPrompter() : null;
    let result: InitResult;
    try {
      result = await runInit({
        serviceAccount: flags['service-account'],
        projectId: flags['project-id'],
        databaseId: flags['database-id'],
        sink: flags.sink,
        home: codeInsightsHome(),
        cwd: process.cwd(),
        env: process.env,
        prompter,
      });
    } catch (error) {
      if (error instanceof CodeInsightsError) this.error(error.message, { exit: error.exitCode, code: error.code, suggestions: error.suggestions });
      throw error;
    } finally {
      prompter?.close();
    }
    if (!result.written) {
      this.log('Nothing written.');
      return result;
    }
    this.log(`Wrote ${result.configFile}`);
    this.log(`  sink:      ${result.sink.join(', ')}`);
    if (result.firestore) {
      const f = result.firestore;
      this.log(`  firestore: project ${f.projectId}, database ${f.databaseId}`);
      this.log(`  access:    ${f.emulatorHost ? `emulator at ${f.emulatorHost}` : (f.credentialsPath ?? 'application default credentials')}`);
      this.log(`  probe:     ${f.probe}`);
    }
    return result;
  }
}

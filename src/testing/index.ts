/** `code-insights/testing`: run plugins through the real pipeline on fixture transcripts, into memory. */
export { runPlugins, type RunPluginsOptions, type RunPluginsResult, type TranscriptFile } from './run-plugins.js';
export { claudeTranscript, transcriptPath, type Exchange, type TranscriptSpec } from './claude-transcript.js';
export { createMemorySink, createMemoryStore, type MemoryStore } from './memory-sink.js';

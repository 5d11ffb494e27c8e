/**
 * Numbered schema steps. Step N takes a database at `user_version` N-1 to N; steps are frozen
 * once released (a change is a new step), so a DB built step by step equals one built at once.
 * docs/sqlite-schema.md documents the result; keep the two in step.
 */

/** One migration: a small, self-contained block of SQL. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/**
 * A batch writes its messages, then its session, then its project, in one transaction. The
 * project keys are DEFERRABLE INITIALLY DEFERRED so SQLite checks them at COMMIT. Messages carry
 * no declared foreign key: the first insert of a parent would then rescan every message of the
 * session. The writer checks that a batch's messages belong to its session instead, and the
 * delete triggers below cascade whether or not a connection turned foreign keys on.
 */
const V1_TABLES = `
CREATE TABLE projects (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL,
  path           TEXT NOT NULL,
  git_remote_url TEXT,
  id_source      TEXT NOT NULL CHECK (id_source IN ('git-remote', 'path-hash')),
  last_activity  TEXT
);

CREATE TABLE project_devices (
  project_id TEXT NOT NULL REFERENCES projects (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  device_id  TEXT NOT NULL,
  hostname   TEXT,
  platform   TEXT,
  first_seen TEXT,
  last_seen  TEXT,
  PRIMARY KEY (project_id, device_id)
) WITHOUT ROWID;

CREATE TABLE sessions (
  id                      TEXT PRIMARY KEY,
  project_id              TEXT NOT NULL REFERENCES projects (id) DEFERRABLE INITIALLY DEFERRED,
  project_name            TEXT NOT NULL,
  project_path            TEXT NOT NULL,
  source_tool             TEXT NOT NULL,
  kind                    TEXT NOT NULL CHECK (kind IN ('main', 'subagent', 'compaction')),
  parent_session_id       TEXT,
  agent_id                TEXT,
  agent_type              TEXT,
  source_path             TEXT NOT NULL,
  title                   TEXT,
  title_source            TEXT,
  custom_title            TEXT,
  character               TEXT,
  character_signals       TEXT,
  started_at              TEXT,
  ended_at                TEXT,
  git_branch              TEXT,
  claude_version          TEXT,
  models                  TEXT NOT NULL DEFAULT '[]',
  message_count           INTEGER NOT NULL DEFAULT 0,
  human_prompt_count      INTEGER NOT NULL DEFAULT 0,
  assistant_message_count INTEGER NOT NULL DEFAULT 0,
  tool_call_count         INTEGER NOT NULL DEFAULT 0,
  tool_error_count        INTEGER NOT NULL DEFAULT 0,
  compaction_count        INTEGER NOT NULL DEFAULT 0,
  unknown_record_count    INTEGER NOT NULL DEFAULT 0,
  malformed_line_count    INTEGER NOT NULL DEFAULT 0,
  input_tokens            INTEGER NOT NULL DEFAULT 0,
  output_tokens           INTEGER NOT NULL DEFAULT 0,
  cache_creation_tokens   INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens       INTEGER NOT NULL DEFAULT 0,
  input_tokens_with_subagents          INTEGER NOT NULL DEFAULT 0,
  output_tokens_with_subagents         INTEGER NOT NULL DEFAULT 0,
  cache_creation_tokens_with_subagents INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens_with_subagents     INTEGER NOT NULL DEFAULT 0,
  usage_by_model          TEXT NOT NULL DEFAULT '{}',
  cost_usd                REAL,
  unpriced_models         TEXT NOT NULL DEFAULT '[]',
  digest                  TEXT NOT NULL,
  device_id               TEXT NOT NULL,
  device_hostname         TEXT NOT NULL,
  device_platform         TEXT NOT NULL,
  schema_version          INTEGER NOT NULL,
  updated_at              TEXT NOT NULL
);

CREATE INDEX sessions_by_started ON sessions (started_at DESC);
CREATE INDEX sessions_by_project ON sessions (project_id, started_at DESC);
CREATE INDEX sessions_by_parent ON sessions (parent_session_id) WHERE parent_session_id IS NOT NULL;

-- pk is an explicit rowid alias so the full-text index (keyed by rowid) survives VACUUM;
-- the natural key is (session_id, id): a resumed session repeats another session's uuids.
CREATE TABLE messages (
  pk                    INTEGER PRIMARY KEY,
  session_id            TEXT NOT NULL,
  id                    TEXT NOT NULL,
  ordinal               INTEGER NOT NULL,
  parent_id             TEXT,
  role                  TEXT NOT NULL,
  kind                  TEXT NOT NULL,
  timestamp             TEXT,
  text                  TEXT NOT NULL DEFAULT '',
  thinking              TEXT NOT NULL DEFAULT '',
  tool_calls            TEXT NOT NULL DEFAULT '[]',
  tool_results          TEXT NOT NULL DEFAULT '[]',
  model                 TEXT,
  input_tokens          INTEGER,
  output_tokens         INTEGER,
  cache_creation_tokens INTEGER,
  cache_read_tokens     INTEGER,
  is_sidechain          INTEGER NOT NULL DEFAULT 0,
  UNIQUE (session_id, id)
);

CREATE TABLE tool_uses (
  session_id  TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  tool_use_id TEXT NOT NULL,
  name        TEXT NOT NULL,
  PRIMARY KEY (session_id, message_id, tool_use_id)
) WITHOUT ROWID;

CREATE TABLE tool_results (
  session_id  TEXT NOT NULL,
  message_id  TEXT NOT NULL,
  tool_use_id TEXT NOT NULL,
  is_error    INTEGER NOT NULL,
  -- Keyed for the tool_calls view's lookup; deleting a message's rows scans only its session.
  PRIMARY KEY (session_id, tool_use_id, message_id)
) WITHOUT ROWID;

-- A tool call and whether its result was an error; the two live in different messages.
CREATE VIEW tool_calls AS
SELECT u.session_id, u.message_id, u.tool_use_id, u.name,
       (SELECT max(r.is_error) FROM tool_results r
         WHERE r.session_id = u.session_id AND r.tool_use_id = u.tool_use_id) AS is_error
FROM tool_uses u;
`;

/**
 * The full-text index and the tool tables are derived from `messages`. The writer fills them when
 * it inserts a message: an insert trigger made a first sync about 40% slower (measured). These
 * triggers keep them right on UPDATE and DELETE, whoever runs those.
 */
const V1_TRIGGERS = `
CREATE VIRTUAL TABLE messages_fts USING fts5 (
  text, thinking,
  content = 'messages', content_rowid = 'pk',
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER sessions_after_delete AFTER DELETE ON sessions BEGIN
  DELETE FROM messages WHERE session_id = old.id;
END;

CREATE TRIGGER messages_after_delete AFTER DELETE ON messages BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text, thinking) VALUES ('delete', old.pk, old.text, old.thinking);
  DELETE FROM tool_uses WHERE session_id = old.session_id AND message_id = old.id;
  DELETE FROM tool_results WHERE session_id = old.session_id AND message_id = old.id;
END;

CREATE TRIGGER messages_after_update_text AFTER UPDATE OF text, thinking ON messages
WHEN old.text IS NOT new.text OR old.thinking IS NOT new.thinking BEGIN
  INSERT INTO messages_fts (messages_fts, rowid, text, thinking) VALUES ('delete', old.pk, old.text, old.thinking);
  INSERT INTO messages_fts (rowid, text, thinking) VALUES (new.pk, new.text, new.thinking);
END;

CREATE TRIGGER messages_after_update_tool_calls AFTER UPDATE OF tool_calls ON messages
WHEN old.tool_calls IS NOT new.tool_calls BEGIN
  DELETE FROM tool_uses WHERE session_id = old.session_id AND message_id = old.id;
  INSERT OR IGNORE INTO tool_uses (session_id, message_id, tool_use_id, name)
    SELECT new.session_id, new.id, json_extract(value, '$.id'), json_extract(value, '$.name')
    FROM json_each(new.tool_calls);
END;

CREATE TRIGGER messages_after_update_tool_results AFTER UPDATE OF tool_results ON messages
WHEN old.tool_results IS NOT new.tool_results BEGIN
  DELETE FROM tool_results WHERE session_id = old.session_id AND message_id = old.id;
  INSERT OR IGNORE INTO tool_results (session_id, message_id, tool_use_id, is_error)
    SELECT new.session_id, new.id, json_extract(value, '$.toolUseId'), json_extract(value, '$.isError')
    FROM json_each(new.tool_results);
END;
`;

/** Every step, in order; the last one's version is the schema version this code writes. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, description: 'projects, devices, sessions, messages, tool rows, full-text index', sql: V1_TABLES + V1_TRIGGERS },
];

/** The schema version this code creates and understands. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

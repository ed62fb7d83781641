-- Notes and files on records, and the indexes the client timeline (0010) reads them by.

CREATE TABLE notes (
    id           INTEGER PRIMARY KEY,
    subject_type TEXT    NOT NULL CHECK (subject_type IN ('Client', 'Contact', 'Deal', 'Task', 'Inquiry')),
    subject_id   INTEGER NOT NULL,
    client_id    INTEGER REFERENCES clients(id) ON DELETE SET NULL, -- the client of the subject when written
    body         TEXT    NOT NULL,
    pinned       INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT
);
CREATE INDEX notes_subject ON notes(subject_id, subject_type);
CREATE INDEX notes_client ON notes(client_id, created_at);
-- Uploads: a user announces a file (name, type, size), sends the bytes, then attaches it.
-- Contents are kept once per SHA-256, in the database.
CREATE TABLE file_contents (
    sha256 TEXT    PRIMARY KEY,
    size   INTEGER NOT NULL,
    data   BLOB    NOT NULL
);
CREATE TABLE file_uploads (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id),
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    sha256       TEXT    REFERENCES file_contents(sha256), -- set when the bytes arrived
    received_at  TEXT,
    used_at      TEXT                                     -- set when attached
);
CREATE INDEX file_uploads_expiry ON file_uploads(expires_at) WHERE used_at IS NULL;

CREATE TABLE files (
    id           INTEGER PRIMARY KEY,
    subject_type TEXT    NOT NULL CHECK (subject_type IN ('Client', 'Contact', 'Deal', 'Task', 'Inquiry')),
    subject_id   INTEGER NOT NULL,
    client_id    INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    name         TEXT    NOT NULL,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    sha256       TEXT    NOT NULL REFERENCES file_contents(sha256),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT
);
CREATE INDEX files_subject ON files(subject_id, subject_type);
CREATE INDEX files_client ON files(client_id, created_at);
CREATE INDEX files_sha256 ON files(sha256);

CREATE INDEX field_changes_entity_version ON field_changes(entity_type, entity_id, version);
CREATE INDEX deal_stage_changes_changed ON deal_stage_changes(changed_at);
CREATE INDEX tasks_client_completed ON tasks(client_id, completed_at);

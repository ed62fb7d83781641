-- Users, departments, sign-in sessions, API tokens, and the field history every record keeps.
-- Times are UTC in ISO 8601 with milliseconds ('2026-11-29T01:25:19.000Z'), so they sort as text.

CREATE TABLE departments (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    head_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX departments_name ON departments(name) WHERE deleted_at IS NULL;

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL,
    email            TEXT    NOT NULL,
    phone            TEXT,
    position         TEXT,
    role             TEXT    NOT NULL CHECK (role IN ('admin', 'supervisor', 'manager', 'operator')),
    department_id    INTEGER REFERENCES departments(id) ON DELETE SET NULL,
    extension        TEXT,
    time_zone        TEXT    NOT NULL DEFAULT 'Europe/Moscow',
    locale           TEXT    NOT NULL DEFAULT 'ru',
    presence_choice  TEXT    NOT NULL DEFAULT 'available' CHECK (presence_choice IN ('available', 'busy', 'away')),
    presence_changed_at TEXT,
    password_hash    TEXT    NOT NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    deleted_at       TEXT
);
CREATE UNIQUE INDEX users_email ON users(email) WHERE deleted_at IS NULL;
CREATE INDEX users_department ON users(department_id);

CREATE TABLE sessions (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    token_hash   TEXT    NOT NULL UNIQUE,
    device_name  TEXT,
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
    id             INTEGER PRIMARY KEY,
    name           TEXT    NOT NULL,
    scopes         TEXT    NOT NULL, -- comma-separated: read,write,webhooks
    token_hash     TEXT    NOT NULL UNIQUE,
    prefix         TEXT    NOT NULL, -- the first characters of the token, shown to tell tokens apart
    acts_as_user_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    created_at     TEXT    NOT NULL,
    created_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    expires_at     TEXT,
    last_used_at   TEXT,
    revoked_at     TEXT
);

-- One row per changed tracked field: who (a user, an API token, a robot or the system), when,
-- through which version, the old and new value as JSON text.
CREATE TABLE field_changes (
    id           INTEGER PRIMARY KEY,
    entity_type  TEXT    NOT NULL,
    entity_id    INTEGER NOT NULL,
    version      INTEGER NOT NULL,
    field        TEXT    NOT NULL,
    old_value    TEXT,
    new_value    TEXT,
    actor_kind   TEXT    NOT NULL CHECK (actor_kind IN ('user', 'api_token', 'robot', 'system')),
    actor_id     INTEGER,
    changed_at   TEXT    NOT NULL
);
CREATE INDEX field_changes_entity ON field_changes(entity_type, entity_id, id);

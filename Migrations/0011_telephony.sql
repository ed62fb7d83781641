-- Telephony: call queues, phone lines (virtual numbers of a PBX, credentials sealed), and calls
-- kept from the PBX's events (the provider's call id is unique per provider, so a repeated event
-- updates the same call). Notes and files may now be on calls (and, later, dialogues and
-- projects), and calls join the client timeline.

CREATE TABLE call_queues (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL,
    member_ids           TEXT    NOT NULL DEFAULT '[]', -- JSON: user ids in round-robin order
    ring_timeout_seconds INTEGER NOT NULL DEFAULT 20 CHECK (ring_timeout_seconds BETWEEN 5 AND 600),
    callback_assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    last_member_id       INTEGER, -- the operator who last got a call, for round robin
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    created_by           INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    deleted_at           TEXT
);

CREATE TABLE phone_lines (
    id              INTEGER PRIMARY KEY,
    name            TEXT    NOT NULL,
    number          TEXT    NOT NULL, -- E.164
    provider        TEXT    NOT NULL CHECK (provider IN ('generic', 'zadarma', 'mango', 'uis', 'asterisk')),
    enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    queue_id        INTEGER REFERENCES call_queues(id),
    settings        TEXT    NOT NULL DEFAULT '{}', -- JSON object, not secret
    credentials     TEXT,                          -- sealed JSON object of strings (SecretBox)
    credential_keys TEXT    NOT NULL DEFAULT '[]', -- JSON: the names of the sealed secrets
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted_at      TEXT
);
CREATE UNIQUE INDEX phone_lines_number ON phone_lines(number) WHERE deleted_at IS NULL;

CREATE TABLE calls (
    id                     INTEGER PRIMARY KEY,
    direction              TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
    status                 TEXT    NOT NULL CHECK (status IN ('ringing', 'answered', 'missed', 'ended', 'failed')),
    from_number            TEXT,
    to_number              TEXT,
    from_extension         TEXT,
    to_extension           TEXT,
    line_id                INTEGER REFERENCES phone_lines(id),
    queue_id               INTEGER REFERENCES call_queues(id),
    routed_to_id           INTEGER REFERENCES users(id) ON DELETE SET NULL,
    user_id                INTEGER REFERENCES users(id) ON DELETE SET NULL,
    client_id              INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    contact_id             INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    started_at             TEXT    NOT NULL,
    answered_at            TEXT,
    ended_at               TEXT,
    duration_seconds       INTEGER CHECK (duration_seconds >= 0),
    recording_source_url   TEXT,   -- where the provider keeps the recording
    recording_sha256       TEXT    REFERENCES file_contents(sha256), -- the recording, once stored
    recording_content_type TEXT,
    provider               TEXT    NOT NULL,
    provider_call_id       TEXT    NOT NULL,
    failure_reason         TEXT,
    callback_task_id       INTEGER REFERENCES tasks(id) ON DELETE SET NULL,
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    created_by             INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version                INTEGER NOT NULL DEFAULT 1,
    deleted_at             TEXT
);
CREATE UNIQUE INDEX calls_provider_id ON calls(provider, provider_call_id);
CREATE INDEX calls_client ON calls(client_id, started_at);
CREATE INDEX calls_started ON calls(started_at, id);
CREATE INDEX calls_user ON calls(user_id, started_at);

-- An inquiry may be registered for a call.
ALTER TABLE inquiries ADD COLUMN call_id INTEGER REFERENCES calls(id) ON DELETE SET NULL;
CREATE INDEX inquiries_call ON inquiries(call_id) WHERE call_id IS NOT NULL;

-- Notes and files on more kinds of record: rebuilt with the wider check (the view that reads
-- them is dropped first and recreated below).
DROP VIEW timeline_items;
CREATE TABLE notes_wider (
    id           INTEGER PRIMARY KEY,
    subject_type TEXT    NOT NULL CHECK (subject_type IN ('Client', 'Contact', 'Deal', 'Task', 'Inquiry', 'Call', 'Dialogue', 'Project')),
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
INSERT INTO notes_wider SELECT * FROM notes;
DROP TABLE notes;
ALTER TABLE notes_wider RENAME TO notes;
CREATE TABLE files_wider (
    id           INTEGER PRIMARY KEY,
    subject_type TEXT    NOT NULL CHECK (subject_type IN ('Client', 'Contact', 'Deal', 'Task', 'Inquiry', 'Call', 'Dialogue', 'Project')),
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
INSERT INTO files_wider SELECT * FROM files;
DROP TABLE files;
ALTER TABLE files_wider RENAME TO files;
CREATE INDEX notes_subject ON notes(subject_id, subject_type);
CREATE INDEX notes_client ON notes(client_id, created_at);
CREATE INDEX files_subject ON files(subject_id, subject_type);
CREATE INDEX files_client ON files(client_id, created_at);
CREATE INDEX files_sha256 ON files(sha256);

-- The timeline of 0010 with calls (source 11). An item with actor kind `external` came from
-- outside (an incoming call) and has no actor.
CREATE VIEW timeline_items AS
    -- The client itself: created, then each recorded change (one item per version).
    SELECT id * 16 + 0 AS id, id AS client_id, 'profile' AS kind, 'created' AS action, created_at AS occurred_at,
           CASE WHEN created_by IS NULL THEN 'system' ELSE 'user' END AS actor_kind, created_by AS actor_id,
           'Client' AS record_type, id AS record_id, NULL AS owner_a, NULL AS owner_b, 0 AS scoped, name AS title,
           NULL AS detail
    FROM clients
    UNION ALL
    SELECT min(fc.id) * 16 + 1, fc.entity_id, 'profile',
           CASE WHEN max(fc.field = 'deletedAt' AND fc.new_value IS NOT NULL) THEN 'deleted'
                WHEN max(fc.field = 'deletedAt') THEN 'restored'
                WHEN max(fc.field = 'status' AND fc.new_value = '"client"') THEN 'converted'
                ELSE 'updated' END,
           max(fc.changed_at), max(fc.actor_kind), max(fc.actor_id), 'Client', fc.entity_id, NULL, NULL, 0,
           (SELECT name FROM clients WHERE clients.id = fc.entity_id), group_concat(fc.field, ', ')
    FROM field_changes AS fc WHERE fc.entity_type = 'Client'
    GROUP BY fc.entity_id, fc.version
    UNION ALL
    -- Its contacts, when added.
    SELECT id * 16 + 2, client_id, 'profile', 'created', created_at, CASE WHEN created_by IS NULL THEN 'system' ELSE 'user' END,
           created_by, 'Contact', id, owner_id, NULL, 1, name, NULL
    FROM contacts WHERE client_id IS NOT NULL AND deleted_at IS NULL
    UNION ALL
    -- Notes on the client or on its live contacts, deals and tasks, seen by whoever sees the
    -- subject (a note on the client itself: whoever sees the client).
    SELECT id * 16 + 3, client_id, 'note', 'created', created_at, 'user', created_by, 'Note', id,
           CASE subject_type WHEN 'Contact' THEN (SELECT owner_id FROM contacts WHERE contacts.id = notes.subject_id)
                             WHEN 'Deal' THEN (SELECT owner_id FROM deals WHERE deals.id = notes.subject_id)
                             WHEN 'Task' THEN (SELECT assignee_id FROM tasks WHERE tasks.id = notes.subject_id)
                             WHEN 'Inquiry' THEN (SELECT assignee_id FROM inquiries WHERE inquiries.id = notes.subject_id) END,
           CASE subject_type WHEN 'Task' THEN (SELECT created_by FROM tasks WHERE tasks.id = notes.subject_id)
                             WHEN 'Inquiry' THEN (SELECT created_by FROM inquiries WHERE inquiries.id = notes.subject_id) END,
           subject_type NOT IN ('Client', 'Call'), substr(body, 1, 200), subject_type
    FROM notes WHERE client_id IS NOT NULL AND deleted_at IS NULL
        AND CASE subject_type WHEN 'Contact' THEN (SELECT deleted_at IS NULL FROM contacts WHERE contacts.id = notes.subject_id)
                              WHEN 'Deal' THEN (SELECT deleted_at IS NULL FROM deals WHERE deals.id = notes.subject_id)
                              WHEN 'Task' THEN (SELECT deleted_at IS NULL FROM tasks WHERE tasks.id = notes.subject_id)
                              WHEN 'Inquiry' THEN (SELECT deleted_at IS NULL FROM inquiries WHERE inquiries.id = notes.subject_id)
                              WHEN 'Call' THEN (SELECT deleted_at IS NULL FROM calls WHERE calls.id = notes.subject_id)
                              ELSE 1 END
    UNION ALL
    -- Files attached likewise.
    SELECT id * 16 + 7, client_id, 'file', 'created', created_at, 'user', created_by, 'File', id,
           CASE subject_type WHEN 'Contact' THEN (SELECT owner_id FROM contacts WHERE contacts.id = files.subject_id)
                             WHEN 'Deal' THEN (SELECT owner_id FROM deals WHERE deals.id = files.subject_id)
                             WHEN 'Task' THEN (SELECT assignee_id FROM tasks WHERE tasks.id = files.subject_id)
                             WHEN 'Inquiry' THEN (SELECT assignee_id FROM inquiries WHERE inquiries.id = files.subject_id) END,
           CASE subject_type WHEN 'Task' THEN (SELECT created_by FROM tasks WHERE tasks.id = files.subject_id)
                             WHEN 'Inquiry' THEN (SELECT created_by FROM inquiries WHERE inquiries.id = files.subject_id) END,
           subject_type NOT IN ('Client', 'Call'), name, subject_type
    FROM files WHERE client_id IS NOT NULL AND deleted_at IS NULL
        AND CASE subject_type WHEN 'Contact' THEN (SELECT deleted_at IS NULL FROM contacts WHERE contacts.id = files.subject_id)
                              WHEN 'Deal' THEN (SELECT deleted_at IS NULL FROM deals WHERE deals.id = files.subject_id)
                              WHEN 'Task' THEN (SELECT deleted_at IS NULL FROM tasks WHERE tasks.id = files.subject_id)
                              WHEN 'Inquiry' THEN (SELECT deleted_at IS NULL FROM inquiries WHERE inquiries.id = files.subject_id)
                              WHEN 'Call' THEN (SELECT deleted_at IS NULL FROM calls WHERE calls.id = files.subject_id)
                              ELSE 1 END
    UNION ALL
    -- Tasks: created, and completed.
    SELECT id * 16 + 4, client_id, 'task', 'created', created_at, CASE WHEN created_by IS NULL THEN 'system' ELSE 'user' END,
           created_by, 'Task', id, assignee_id, created_by, 1, title, NULL
    FROM tasks WHERE client_id IS NOT NULL AND deleted_at IS NULL
    UNION ALL
    SELECT id * 16 + 5, client_id, 'task', 'completed', completed_at,
           coalesce((SELECT actor_kind FROM field_changes AS f WHERE f.entity_type = 'Task' AND f.entity_id = tasks.id
                     AND f.field = 'status' AND f.new_value = '"done"' ORDER BY f.id DESC LIMIT 1), 'system'),
           (SELECT actor_id FROM field_changes AS f WHERE f.entity_type = 'Task' AND f.entity_id = tasks.id
            AND f.field = 'status' AND f.new_value = '"done"' ORDER BY f.id DESC LIMIT 1),
           'Task', id, assignee_id, created_by, 1, title, result
    FROM tasks WHERE client_id IS NOT NULL AND completed_at IS NOT NULL AND status = 'done' AND deleted_at IS NULL
    UNION ALL
    -- Deal events: created, moved, won, lost, reopened.
    SELECT c.id * 16 + 6, d.client_id, 'deal',
           CASE WHEN c.from_status IS NULL THEN 'created' WHEN c.to_status = 'won' THEN 'won' WHEN c.to_status = 'lost' THEN 'lost'
                WHEN c.from_status != 'open' THEN 'reopened' ELSE 'stage_changed' END,
           c.changed_at, c.actor_kind, c.actor_id, CASE WHEN c.from_status IS NULL THEN 'Deal' ELSE 'DealStageChange' END,
           CASE WHEN c.from_status IS NULL THEN d.id ELSE c.id END, d.owner_id, NULL, 1, d.title,
           (SELECT name FROM pipeline_stages WHERE pipeline_stages.id = c.to_stage_id)
    FROM deal_stage_changes AS c JOIN deals AS d ON d.id = c.deal_id
    WHERE d.client_id IS NOT NULL AND d.deleted_at IS NULL
    UNION ALL
    -- Support inquiries: registered, resolved, closed (an unassigned one is the queue's: seen by all
    -- who see the client).
    SELECT id * 16 + 8, client_id, 'inquiry', 'created', created_at, CASE WHEN created_by IS NULL THEN 'system' ELSE 'user' END,
           created_by, 'Inquiry', id, assignee_id, created_by, assignee_id IS NOT NULL, subject, NULL
    FROM inquiries WHERE client_id IS NOT NULL AND deleted_at IS NULL
    UNION ALL
    SELECT id * 16 + 9, client_id, 'inquiry', 'resolved', resolved_at, 'user', assignee_id, 'Inquiry', id, assignee_id, created_by,
           assignee_id IS NOT NULL, subject, NULL
    FROM inquiries WHERE client_id IS NOT NULL AND resolved_at IS NOT NULL AND deleted_at IS NULL
    UNION ALL
    SELECT id * 16 + 10, client_id, 'inquiry', 'closed', closed_at, 'user', assignee_id, 'Inquiry', id, assignee_id, created_by,
           assignee_id IS NOT NULL, subject, rejection_reason
    FROM inquiries WHERE client_id IS NOT NULL AND closed_at IS NOT NULL AND deleted_at IS NULL
    UNION ALL
    -- Calls with the client: received (incoming, answered), missed, or made (outgoing, by the
    -- user); seen with the client, as calls are. An incoming call has no actor (null).
    SELECT id * 16 + 11, client_id, 'call',
           CASE WHEN direction = 'outgoing' THEN 'sent' WHEN status = 'missed' THEN 'missed' ELSE 'received' END,
           started_at, CASE WHEN direction = 'outgoing' AND user_id IS NOT NULL THEN 'user' ELSE 'external' END,
           CASE WHEN direction = 'outgoing' THEN user_id END, 'Call', id, user_id, routed_to_id, 0,
           coalesce(CASE WHEN direction = 'outgoing' THEN to_number ELSE from_number END, ''), CAST(duration_seconds AS TEXT)
    FROM calls WHERE client_id IS NOT NULL AND direction != 'internal' AND deleted_at IS NULL;

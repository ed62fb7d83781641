-- Messaging: channels (with their distribution settings) and their accounts (bots, communities,
-- mailboxes, widgets; credentials sealed), dialogues with clients and corporate chats, their
-- messages (an outside message id is unique per account, so a repeated delivery stores nothing
-- twice), what each user has read, answer templates, and the knowledge base with full-text
-- search. Inquiries may come from a dialogue; messages with clients join the timeline.

CREATE TABLE channels (
    id                      INTEGER PRIMARY KEY,
    name                    TEXT    NOT NULL,
    kind                    TEXT    NOT NULL CHECK (kind IN ('telegram', 'viber', 'vk', 'vk_shop', 'email', 'web_chat', 'internal')),
    enabled                 INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    operator_ids            TEXT    NOT NULL DEFAULT '[]', -- JSON: user ids, in round-robin order
    auto_assign             INTEGER NOT NULL DEFAULT 1 CHECK (auto_assign IN (0, 1)),
    max_open_per_operator   INTEGER CHECK (max_open_per_operator > 0),
    create_inquiries        INTEGER NOT NULL DEFAULT 0 CHECK (create_inquiries IN (0, 1)),
    sla_policy_id           INTEGER REFERENCES sla_policies(id),
    last_operator_id        INTEGER, -- round robin
    created_at              TEXT    NOT NULL,
    updated_at              TEXT    NOT NULL,
    created_by              INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version                 INTEGER NOT NULL DEFAULT 1,
    deleted_at              TEXT
);
-- At most one live corporate chat channel.
CREATE UNIQUE INDEX channels_internal ON channels(kind) WHERE kind = 'internal' AND deleted_at IS NULL;

CREATE TABLE channel_accounts (
    id              INTEGER PRIMARY KEY,
    channel_id      INTEGER NOT NULL REFERENCES channels(id),
    name            TEXT    NOT NULL,
    external_id     TEXT,
    enabled         INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0, 1)),
    status          TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('connected', 'pending', 'disabled', 'error')),
    last_error      TEXT,
    last_event_at   TEXT,
    settings        TEXT    NOT NULL DEFAULT '{}',
    credentials     TEXT,                          -- sealed JSON object of strings
    credential_keys TEXT    NOT NULL DEFAULT '[]',
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted_at      TEXT
);
CREATE INDEX channel_accounts_channel ON channel_accounts(channel_id);

CREATE TABLE dialogues (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('client', 'direct', 'group')),
    channel_id      INTEGER NOT NULL REFERENCES channels(id),
    account_id      INTEGER REFERENCES channel_accounts(id),
    external_id     TEXT,
    title           TEXT,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'waiting', 'closed')),
    assignee_id     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    queued_since    TEXT,
    client_id       INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    contact_id      INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    party_name      TEXT,
    party_handle    TEXT,
    party_phone     TEXT,
    party_email     TEXT,
    member_ids      TEXT    NOT NULL DEFAULT '[]', -- JSON: users of a corporate chat, or who took part
    direct_key      TEXT,   -- 'a:b' (a < b) for a direct chat, so there is one per pair
    last_message_at TEXT,
    last_message_id INTEGER,
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    created_by      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    deleted_at      TEXT
);
CREATE UNIQUE INDEX dialogues_external ON dialogues(account_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX dialogues_direct ON dialogues(direct_key) WHERE direct_key IS NOT NULL;
CREATE INDEX dialogues_assignee ON dialogues(assignee_id, status);
CREATE INDEX dialogues_client ON dialogues(client_id);
CREATE INDEX dialogues_last_message ON dialogues(last_message_at, id);

CREATE TABLE messages (
    id                         INTEGER PRIMARY KEY,
    dialogue_id                INTEGER NOT NULL REFERENCES dialogues(id),
    account_id                 INTEGER REFERENCES channel_accounts(id),
    direction                  TEXT    NOT NULL CHECK (direction IN ('incoming', 'outgoing', 'internal')),
    author_kind                TEXT    NOT NULL CHECK (author_kind IN ('client', 'user', 'system')),
    author_id                  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    author_name                TEXT    NOT NULL,
    subject                    TEXT,
    text                       TEXT,
    html                       TEXT,
    attachments                TEXT    NOT NULL DEFAULT '[]', -- JSON: [{"kind","name","contentType","size","sha256"?,"fileId"?,"sourceUrl"?}]
    reply_to_id                INTEGER REFERENCES messages(id),
    external_id                TEXT,
    sent_at                    TEXT    NOT NULL,
    created_at                 TEXT    NOT NULL,
    delivery_status            TEXT    CHECK (delivery_status IN ('queued', 'sent', 'delivered', 'read', 'failed')),
    delivery_status_changed_at TEXT,
    failure_reason             TEXT,
    template_id                INTEGER REFERENCES answer_templates(id),
    idempotency_key            TEXT
);
CREATE UNIQUE INDEX messages_external ON messages(account_id, external_id) WHERE external_id IS NOT NULL;
CREATE UNIQUE INDEX messages_idempotency ON messages(author_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX messages_dialogue ON messages(dialogue_id, id);
CREATE INDEX messages_delivery ON messages(delivery_status) WHERE delivery_status IN ('queued', 'sent');

-- What each user has read: everything up to this message of the dialogue.
CREATE TABLE message_reads (
    dialogue_id  INTEGER NOT NULL REFERENCES dialogues(id),
    user_id      INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    last_read_id INTEGER NOT NULL,
    PRIMARY KEY (dialogue_id, user_id)
) WITHOUT ROWID;

ALTER TABLE inquiries ADD COLUMN dialogue_id INTEGER REFERENCES dialogues(id) ON DELETE SET NULL;
CREATE INDEX inquiries_dialogue ON inquiries(dialogue_id) WHERE dialogue_id IS NOT NULL;

CREATE TABLE answer_templates (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    shortcut      TEXT,
    category      TEXT,
    channel_kinds TEXT    NOT NULL DEFAULT '[]', -- JSON: channel kinds it is offered in; all when empty
    shared        INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted_at    TEXT
);

CREATE TABLE knowledge_articles (
    id          INTEGER PRIMARY KEY,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    category    TEXT,
    tags        TEXT    NOT NULL DEFAULT '[]',
    published   INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);

-- The timeline of 0012 with messages (source 13); notes and files on dialogues seen by the
-- dialogue's assignee.
DROP VIEW timeline_items;
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
                             WHEN 'Inquiry' THEN (SELECT assignee_id FROM inquiries WHERE inquiries.id = notes.subject_id)
                             WHEN 'Project' THEN (SELECT manager_id FROM projects WHERE projects.id = notes.subject_id)
                             WHEN 'Dialogue' THEN (SELECT assignee_id FROM dialogues WHERE dialogues.id = notes.subject_id) END,
           CASE subject_type WHEN 'Task' THEN (SELECT created_by FROM tasks WHERE tasks.id = notes.subject_id)
                             WHEN 'Inquiry' THEN (SELECT created_by FROM inquiries WHERE inquiries.id = notes.subject_id)
                             WHEN 'Project' THEN (SELECT created_by FROM projects WHERE projects.id = notes.subject_id) END,
           subject_type NOT IN ('Client', 'Call'), substr(body, 1, 200), subject_type
    FROM notes WHERE client_id IS NOT NULL AND deleted_at IS NULL
        AND CASE subject_type WHEN 'Contact' THEN (SELECT deleted_at IS NULL FROM contacts WHERE contacts.id = notes.subject_id)
                              WHEN 'Deal' THEN (SELECT deleted_at IS NULL FROM deals WHERE deals.id = notes.subject_id)
                              WHEN 'Task' THEN (SELECT deleted_at IS NULL FROM tasks WHERE tasks.id = notes.subject_id)
                              WHEN 'Inquiry' THEN (SELECT deleted_at IS NULL FROM inquiries WHERE inquiries.id = notes.subject_id)
                              WHEN 'Call' THEN (SELECT deleted_at IS NULL FROM calls WHERE calls.id = notes.subject_id)
                              WHEN 'Project' THEN (SELECT deleted_at IS NULL FROM projects WHERE projects.id = notes.subject_id)
                              WHEN 'Dialogue' THEN (SELECT deleted_at IS NULL FROM dialogues WHERE dialogues.id = notes.subject_id)
                              ELSE 1 END
    UNION ALL
    -- Files attached likewise.
    SELECT id * 16 + 7, client_id, 'file', 'created', created_at, 'user', created_by, 'File', id,
           CASE subject_type WHEN 'Contact' THEN (SELECT owner_id FROM contacts WHERE contacts.id = files.subject_id)
                             WHEN 'Deal' THEN (SELECT owner_id FROM deals WHERE deals.id = files.subject_id)
                             WHEN 'Task' THEN (SELECT assignee_id FROM tasks WHERE tasks.id = files.subject_id)
                             WHEN 'Inquiry' THEN (SELECT assignee_id FROM inquiries WHERE inquiries.id = files.subject_id)
                             WHEN 'Project' THEN (SELECT manager_id FROM projects WHERE projects.id = files.subject_id)
                             WHEN 'Dialogue' THEN (SELECT assignee_id FROM dialogues WHERE dialogues.id = files.subject_id) END,
           CASE subject_type WHEN 'Task' THEN (SELECT created_by FROM tasks WHERE tasks.id = files.subject_id)
                             WHEN 'Inquiry' THEN (SELECT created_by FROM inquiries WHERE inquiries.id = files.subject_id)
                             WHEN 'Project' THEN (SELECT created_by FROM projects WHERE projects.id = files.subject_id) END,
           subject_type NOT IN ('Client', 'Call'), name, subject_type
    FROM files WHERE client_id IS NOT NULL AND deleted_at IS NULL
        AND CASE subject_type WHEN 'Contact' THEN (SELECT deleted_at IS NULL FROM contacts WHERE contacts.id = files.subject_id)
                              WHEN 'Deal' THEN (SELECT deleted_at IS NULL FROM deals WHERE deals.id = files.subject_id)
                              WHEN 'Task' THEN (SELECT deleted_at IS NULL FROM tasks WHERE tasks.id = files.subject_id)
                              WHEN 'Inquiry' THEN (SELECT deleted_at IS NULL FROM inquiries WHERE inquiries.id = files.subject_id)
                              WHEN 'Call' THEN (SELECT deleted_at IS NULL FROM calls WHERE calls.id = files.subject_id)
                              WHEN 'Project' THEN (SELECT deleted_at IS NULL FROM projects WHERE projects.id = files.subject_id)
                              WHEN 'Dialogue' THEN (SELECT deleted_at IS NULL FROM dialogues WHERE dialogues.id = files.subject_id)
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
    FROM calls WHERE client_id IS NOT NULL AND direction != 'internal' AND deleted_at IS NULL
    UNION ALL
    -- Projects for the client: created; seen by its manager and its creator.
    SELECT id * 16 + 12, client_id, 'project', 'created', created_at, CASE WHEN created_by IS NULL THEN 'system' ELSE 'user' END,
           created_by, 'Project', id, manager_id, created_by, 1, name, NULL
    FROM projects WHERE client_id IS NOT NULL AND deleted_at IS NULL
    UNION ALL
    -- Messages with the client: received from them or sent to them, e-mail apart; seen by whoever
    -- sees the client (as the dialogue is).
    SELECT m.id * 16 + 13, d.client_id, CASE c.kind WHEN 'email' THEN 'email' ELSE 'message' END,
           CASE m.direction WHEN 'incoming' THEN 'received' ELSE 'sent' END, m.sent_at,
           CASE WHEN m.author_kind = 'user' THEN 'user' WHEN m.author_kind = 'system' THEN 'system' ELSE 'external' END,
           m.author_id, 'Message', m.id, d.assignee_id, NULL, 0,
           coalesce(m.subject, substr(m.text, 1, 200), ''), c.name
    FROM messages AS m JOIN dialogues AS d ON d.id = m.dialogue_id JOIN channels AS c ON c.id = d.channel_id
    WHERE d.client_id IS NOT NULL AND d.kind = 'client' AND d.deleted_at IS NULL;

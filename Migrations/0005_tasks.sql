-- Tasks: to-dos, calls and meetings of users, due on a day, at a time, or in a time slot with
-- invited colleagues; linked to a client, contact or deal; with reminders.

CREATE TABLE tasks (
    id               INTEGER PRIMARY KEY,
    title            TEXT    NOT NULL,
    description      TEXT,
    kind             TEXT    NOT NULL DEFAULT 'todo' CHECK (kind IN ('todo', 'call', 'call_back', 'meeting', 'email')),
    status           TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done', 'cancelled')),
    priority         TEXT    NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    assignee_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    invitee_ids      TEXT    NOT NULL DEFAULT '[]', -- JSON array of user ids
    due_date         TEXT,                          -- YYYY-MM-DD, for a task due on a day
    due_at           TEXT,                          -- the due time, or the end of the time slot
    start_at         TEXT,                          -- start of the time slot of a time-bound task
    duration_minutes INTEGER CHECK (duration_minutes IS NULL OR duration_minutes > 0),
    reminders        TEXT    NOT NULL DEFAULT '[]', -- JSON array of {"remindAt","minutesBefore","sentAt"}
    completed_at     TEXT,
    result           TEXT,
    client_id        INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    contact_id       INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    deal_id          INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    deleted_at       TEXT,
    CHECK (due_date IS NULL OR (due_at IS NULL AND start_at IS NULL)),
    CHECK ((start_at IS NULL) = (duration_minutes IS NULL))
);
CREATE INDEX tasks_assignee ON tasks(assignee_id, status);
CREATE INDEX tasks_created_by ON tasks(created_by);
CREATE INDEX tasks_client ON tasks(client_id);
CREATE INDEX tasks_deal ON tasks(deal_id);
CREATE INDEX tasks_contact ON tasks(contact_id);
CREATE INDEX tasks_created ON tasks(created_at, id);
CREATE INDEX tasks_updated ON tasks(updated_at, id);

-- A task with the keys it is ordered by: when it is due (the slot's start for a time-bound task,
-- the end of the day for a due date; unscheduled last) and its priority as a number.
CREATE VIEW task_rows AS
    SELECT tasks.*,
        coalesce(start_at, due_at, due_date || 'T23:59:59.999Z', '9999-12-31T00:00:00.000Z') AS due_key,
        CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END AS priority_rank
    FROM tasks;

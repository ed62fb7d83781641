-- Support: working calendars (business hours), SLA policies, inquiries, and the SLA deadlines of
-- each inquiry, counted in business hours.

CREATE TABLE working_calendars (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    time_zone    TEXT    NOT NULL,
    is_default   INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    week         TEXT    NOT NULL, -- JSON: seven arrays (Monday first) of [startMinute, endMinute]
    special_days TEXT    NOT NULL DEFAULT '[]', -- JSON: [{"date","name","kind","intervals"}] in date order
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT
);
CREATE UNIQUE INDEX working_calendars_default ON working_calendars(is_default) WHERE is_default = 1 AND deleted_at IS NULL;

CREATE TABLE sla_policies (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL,
    description          TEXT,
    is_default           INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    calendar_id          INTEGER NOT NULL REFERENCES working_calendars(id),
    targets              TEXT    NOT NULL, -- JSON: [{"priority","firstResponseMinutes","nextResponseMinutes","resolutionMinutes"}]
    warning_lead_minutes TEXT    NOT NULL DEFAULT '[15,5]',
    created_at           TEXT    NOT NULL,
    updated_at           TEXT    NOT NULL,
    created_by           INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version              INTEGER NOT NULL DEFAULT 1,
    deleted_at           TEXT
);
CREATE UNIQUE INDEX sla_policies_default ON sla_policies(is_default) WHERE is_default = 1 AND deleted_at IS NULL;

CREATE TABLE inquiries (
    id                 INTEGER PRIMARY KEY,
    subject            TEXT    NOT NULL,
    description        TEXT,
    origin             TEXT    NOT NULL DEFAULT 'manual',
    client_id          INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    contact_id         INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    assignee_id        INTEGER REFERENCES users(id) ON DELETE SET NULL,
    priority           TEXT    NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    status             TEXT    NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'open', 'waiting', 'resolved', 'closed')),
    category           TEXT,
    rejection_reason   TEXT,
    sla_policy_id      INTEGER REFERENCES sla_policies(id),
    first_responded_at TEXT,
    waiting_since      TEXT,
    resolved_at        TEXT,
    closed_at          TEXT,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    created_by         INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version            INTEGER NOT NULL DEFAULT 1,
    deleted_at         TEXT
);
CREATE INDEX inquiries_assignee ON inquiries(assignee_id, status);
CREATE INDEX inquiries_client ON inquiries(client_id);
CREATE INDEX inquiries_created ON inquiries(created_at, id);
CREATE INDEX inquiries_updated ON inquiries(updated_at, id);

-- One row per metric of an inquiry. `consumed_minutes` are the business minutes used before the
-- current running stretch, which began at `running_since`; a running deadline is due when the
-- rest of its target has passed in business hours (`due_at`, kept for ordering and alerts).
CREATE TABLE sla_deadlines (
    id                INTEGER PRIMARY KEY,
    inquiry_id        INTEGER NOT NULL REFERENCES inquiries(id),
    metric            TEXT    NOT NULL CHECK (metric IN ('first_response', 'next_response', 'resolution')),
    state             TEXT    NOT NULL CHECK (state IN ('running', 'paused', 'met', 'missed')),
    target_minutes    INTEGER NOT NULL,
    started_at        TEXT    NOT NULL,
    running_since     TEXT,
    consumed_minutes  INTEGER NOT NULL DEFAULT 0,
    due_at            TEXT,
    paused_at         TEXT,
    met_at            TEXT,
    missed_at         TEXT
);
CREATE INDEX sla_deadlines_inquiry ON sla_deadlines(inquiry_id, metric);
CREATE INDEX sla_deadlines_due ON sla_deadlines(due_at) WHERE state = 'running';

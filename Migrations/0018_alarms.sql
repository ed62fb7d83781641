-- Alarms: the moments the server announces by itself — an SLA deadline nearing at each lead time
-- of its policy, an SLA deadline passing unmet, a task's reminder and due time. Each is fired
-- once: its key is kept here, and its event written to the outbox in the same transaction.

CREATE TABLE alarms_fired (
    key      TEXT PRIMARY KEY, -- e.g. sla:42:warn:15, sla:42:breach, task:7:remind:<time>, task:7:due:<time>
    fired_at TEXT NOT NULL
) WITHOUT ROWID;

-- Projects with Gantt data: templates (rows and dependencies as JSON, keyed), projects scheduled
-- over a working calendar, their stages, tasks and milestones with the computed schedule kept in
-- columns (recomputed and written in the same transaction as every change of the plan), and the
-- dependencies between them. A pipeline may create a project from a template when a deal is won;
-- personal tasks may be linked to the project task they come from. Projects join the timeline.

CREATE TABLE project_templates (
    id           INTEGER PRIMARY KEY,
    name         TEXT    NOT NULL,
    description  TEXT,
    tasks        TEXT    NOT NULL DEFAULT '[]', -- JSON: [{"key","parentKey","kind","name","durationDays","assigneeRoles"}] in plan order
    dependencies TEXT    NOT NULL DEFAULT '[]', -- JSON: [{"predecessorKey","successorKey","type","lagDays"}]
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    created_by   INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    deleted_at   TEXT
);

ALTER TABLE pipelines ADD COLUMN project_template_id INTEGER REFERENCES project_templates(id);

CREATE TABLE projects (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    description   TEXT,
    client_id     INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    deal_id       INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    manager_id    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    status        TEXT    NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'active', 'on_hold', 'completed', 'cancelled')),
    planned_start TEXT    NOT NULL, -- YYYY-MM-DD
    calendar_id   INTEGER NOT NULL REFERENCES working_calendars(id),
    template_id   INTEGER REFERENCES project_templates(id) ON DELETE SET NULL,
    start_date    TEXT    NOT NULL, -- the computed schedule
    finish_date   TEXT    NOT NULL,
    progress      INTEGER NOT NULL DEFAULT 0,
    plan_revision INTEGER NOT NULL DEFAULT 0, -- +1 on every change of the plan (optimistic concurrency of schedules)
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted_at    TEXT
);
-- A won deal has at most one live project.
CREATE UNIQUE INDEX projects_deal ON projects(deal_id) WHERE deal_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX projects_client ON projects(client_id);
CREATE INDEX projects_manager ON projects(manager_id);
CREATE INDEX projects_created ON projects(created_at, id);

CREATE TABLE project_tasks (
    id                     INTEGER PRIMARY KEY,
    project_id             INTEGER NOT NULL REFERENCES projects(id),
    parent_id              INTEGER REFERENCES project_tasks(id),
    kind                   TEXT    NOT NULL CHECK (kind IN ('stage', 'task', 'milestone')),
    name                   TEXT    NOT NULL,
    description            TEXT,
    position               INTEGER NOT NULL DEFAULT 0,
    duration_days          INTEGER NOT NULL DEFAULT 0 CHECK (duration_days >= 0),
    progress               INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    assignee_ids           TEXT    NOT NULL DEFAULT '[]', -- JSON: user ids
    start_no_earlier_than  TEXT,
    start_date             TEXT    NOT NULL, -- the computed schedule from here on
    finish_date            TEXT    NOT NULL,
    early_start            TEXT    NOT NULL,
    early_finish           TEXT    NOT NULL,
    late_start             TEXT    NOT NULL,
    late_finish            TEXT    NOT NULL,
    total_float            INTEGER NOT NULL DEFAULT 0,
    critical               INTEGER NOT NULL DEFAULT 0 CHECK (critical IN (0, 1)),
    scheduled_duration     INTEGER NOT NULL DEFAULT 0, -- a stage's span in working days
    created_at             TEXT    NOT NULL,
    updated_at             TEXT    NOT NULL,
    created_by             INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version                INTEGER NOT NULL DEFAULT 1,
    deleted_at             TEXT
);
CREATE INDEX project_tasks_project ON project_tasks(project_id, position);

CREATE TABLE project_dependencies (
    id             INTEGER PRIMARY KEY,
    project_id     INTEGER NOT NULL REFERENCES projects(id),
    predecessor_id INTEGER NOT NULL REFERENCES project_tasks(id),
    successor_id   INTEGER NOT NULL REFERENCES project_tasks(id),
    type           TEXT    NOT NULL CHECK (type IN ('fs', 'ss', 'ff', 'sf')),
    lag_days       INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL,
    created_by     INTEGER REFERENCES users(id) ON DELETE SET NULL,
    UNIQUE (predecessor_id, successor_id)
);
CREATE INDEX project_dependencies_project ON project_dependencies(project_id);

-- A personal task made for an assignee of a project task.
ALTER TABLE tasks ADD COLUMN project_task_id INTEGER REFERENCES project_tasks(id);
CREATE INDEX tasks_project_task ON tasks(project_task_id) WHERE project_task_id IS NOT NULL;

-- The timeline of 0011 with projects (source 12), and notes and files on projects seen by the
-- project's manager and creator.
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
                             WHEN 'Project' THEN (SELECT manager_id FROM projects WHERE projects.id = notes.subject_id) END,
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
                              ELSE 1 END
    UNION ALL
    -- Files attached likewise.
    SELECT id * 16 + 7, client_id, 'file', 'created', created_at, 'user', created_by, 'File', id,
           CASE subject_type WHEN 'Contact' THEN (SELECT owner_id FROM contacts WHERE contacts.id = files.subject_id)
                             WHEN 'Deal' THEN (SELECT owner_id FROM deals WHERE deals.id = files.subject_id)
                             WHEN 'Task' THEN (SELECT assignee_id FROM tasks WHERE tasks.id = files.subject_id)
                             WHEN 'Inquiry' THEN (SELECT assignee_id FROM inquiries WHERE inquiries.id = files.subject_id)
                             WHEN 'Project' THEN (SELECT manager_id FROM projects WHERE projects.id = files.subject_id) END,
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
    FROM projects WHERE client_id IS NOT NULL AND deleted_at IS NULL;

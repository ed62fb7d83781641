-- The client timeline: one feed per client of its own changes, its contacts, notes, files, tasks,
-- deal events and support inquiries, newest first — a view, so it always says what the records
-- say now; each branch is read through its client_id index.

-- Timeline items. `id` is unique over all sources (row id * 16 + source, 0–10). An item about the
-- client itself (`scoped` 0) is seen by whoever sees the client; any other is seen only through
-- `owner_a`/`owner_b`, the users whose visibility shows its record (none: admins only).
-- `title` names the record and `detail` adds what the summary needs.
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
           subject_type != 'Client', substr(body, 1, 200), subject_type
    FROM notes WHERE client_id IS NOT NULL AND deleted_at IS NULL
        AND CASE subject_type WHEN 'Contact' THEN (SELECT deleted_at IS NULL FROM contacts WHERE contacts.id = notes.subject_id)
                              WHEN 'Deal' THEN (SELECT deleted_at IS NULL FROM deals WHERE deals.id = notes.subject_id)
                              WHEN 'Task' THEN (SELECT deleted_at IS NULL FROM tasks WHERE tasks.id = notes.subject_id)
                              WHEN 'Inquiry' THEN (SELECT deleted_at IS NULL FROM inquiries WHERE inquiries.id = notes.subject_id)
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
           subject_type != 'Client', name, subject_type
    FROM files WHERE client_id IS NOT NULL AND deleted_at IS NULL
        AND CASE subject_type WHEN 'Contact' THEN (SELECT deleted_at IS NULL FROM contacts WHERE contacts.id = files.subject_id)
                              WHEN 'Deal' THEN (SELECT deleted_at IS NULL FROM deals WHERE deals.id = files.subject_id)
                              WHEN 'Task' THEN (SELECT deleted_at IS NULL FROM tasks WHERE tasks.id = files.subject_id)
                              WHEN 'Inquiry' THEN (SELECT deleted_at IS NULL FROM inquiries WHERE inquiries.id = files.subject_id)
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
    FROM inquiries WHERE client_id IS NOT NULL AND closed_at IS NOT NULL AND deleted_at IS NULL;

-- The transactional outbox. Triggers write each event in the transaction of the change it tells
-- of, so a committed change always has its event and a rolled-back one never does, whatever the
-- write path. The server reads the log in id order and hands new events to live subscriptions;
-- a client that reconnects resumes after the last id it saw, within the retention window.
-- `detail` is a JSON object of what the subscription needs beyond the record as it is now.

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT    NOT NULL,
    record_id   INTEGER NOT NULL,
    detail      TEXT    NOT NULL DEFAULT '{}',
    occurred_at TEXT    NOT NULL
);
CREATE INDEX events_occurred ON events(occurred_at);

-- Calls: an incoming call starts ringing; any call changes status, user, client or routing.
CREATE TRIGGER calls_event_incoming AFTER INSERT ON calls WHEN NEW.direction = 'incoming' AND NEW.status = 'ringing' BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('call_incoming', NEW.id, json_object('routedTo', NEW.routed_to_id), NEW.updated_at);
END;
CREATE TRIGGER calls_event_inserted AFTER INSERT ON calls BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('call_updated', NEW.id, json_object('fields', json_array('status')), NEW.updated_at);
END;
CREATE TRIGGER calls_event_updated AFTER UPDATE ON calls
    WHEN NEW.status IS NOT OLD.status OR NEW.user_id IS NOT OLD.user_id OR NEW.client_id IS NOT OLD.client_id
      OR NEW.contact_id IS NOT OLD.contact_id OR NEW.routed_to_id IS NOT OLD.routed_to_id OR NEW.duration_seconds IS NOT OLD.duration_seconds
      OR NEW.recording_sha256 IS NOT OLD.recording_sha256 BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('call_updated', NEW.id, json_object('fields', json_array(
        CASE WHEN NEW.status IS NOT OLD.status THEN 'status' END, CASE WHEN NEW.user_id IS NOT OLD.user_id THEN 'user' END,
        CASE WHEN NEW.client_id IS NOT OLD.client_id THEN 'client' END, CASE WHEN NEW.contact_id IS NOT OLD.contact_id THEN 'contact' END,
        CASE WHEN NEW.routed_to_id IS NOT OLD.routed_to_id THEN 'routedTo' END,
        CASE WHEN NEW.duration_seconds IS NOT OLD.duration_seconds THEN 'durationSeconds' END,
        CASE WHEN NEW.recording_sha256 IS NOT OLD.recording_sha256 THEN 'recordingUrl' END)), NEW.updated_at);
END;
CREATE TRIGGER calls_event_routed AFTER UPDATE OF routed_to_id ON calls
    WHEN NEW.routed_to_id IS NOT NULL AND NEW.routed_to_id IS NOT OLD.routed_to_id AND NEW.status = 'ringing' BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('call_incoming', NEW.id, json_object('routedTo', NEW.routed_to_id), NEW.updated_at);
END;

-- Messages: every new one; the delivery status of an outgoing one.
CREATE TRIGGER messages_event_inserted AFTER INSERT ON messages BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('message_received', NEW.id, json_object('dialogue', NEW.dialogue_id), NEW.created_at);
END;
CREATE TRIGGER messages_event_delivery AFTER UPDATE OF delivery_status ON messages
    WHEN NEW.delivery_status IS NOT OLD.delivery_status BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('message_status_changed', NEW.id, json_object('dialogue', NEW.dialogue_id, 'previous', OLD.delivery_status),
            coalesce(NEW.delivery_status_changed_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')));
END;

-- Dialogues: a new assignee (or none), on creation or later.
CREATE TRIGGER dialogues_event_created AFTER INSERT ON dialogues WHEN NEW.assignee_id IS NOT NULL BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('dialogue_assigned', NEW.id, json_object('assignee', NEW.assignee_id, 'previous', NULL, 'actorKind', 'system'), NEW.updated_at);
END;
CREATE TRIGGER dialogues_event_assigned AFTER UPDATE OF assignee_id ON dialogues WHEN NEW.assignee_id IS NOT OLD.assignee_id BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('dialogue_assigned', NEW.id, json_object('assignee', NEW.assignee_id, 'previous', OLD.assignee_id, 'version', NEW.version),
            NEW.updated_at);
END;

-- Deals: each stage history row is a creation, move, win, loss or reopening; other changes of a
-- deal's row (fields, deletion, restoring) are told by its new version.
CREATE TRIGGER deal_stage_changes_event AFTER INSERT ON deal_stage_changes BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('deal_changed', NEW.deal_id, json_object(
        'change', CASE WHEN NEW.from_status IS NULL THEN 'created' WHEN NEW.to_status = 'won' THEN 'won' WHEN NEW.to_status = 'lost' THEN 'lost'
                       WHEN NEW.from_status != 'open' THEN 'reopened' ELSE 'moved' END,
        'stageChange', NEW.id, 'actorKind', NEW.actor_kind, 'actorId', NEW.actor_id), NEW.changed_at);
END;
CREATE TRIGGER deals_event_updated AFTER UPDATE ON deals
    WHEN NEW.version != OLD.version AND NEW.stage_id IS OLD.stage_id AND NEW.status IS OLD.status BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('deal_changed', NEW.id, json_object(
        'change', CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'deleted'
                       WHEN NEW.deleted_at IS NULL AND OLD.deleted_at IS NOT NULL THEN 'restored' ELSE 'updated' END,
        'version', NEW.version), NEW.updated_at);
END;

-- A deal handed to another owner, or an inquiry to another assignee, names who had it in its
-- event (`previousOwner`, `previousAssignee`): those who saw the record only through them are
-- told of the change once more — the record as it is now — so that their boards and queues drop
-- it. The triggers are those of 0016_events.sql and 0021_inquiry_events.sql otherwise.
DROP TRIGGER deals_event_updated;
CREATE TRIGGER deals_event_updated AFTER UPDATE ON deals
    WHEN NEW.version != OLD.version AND NEW.stage_id IS OLD.stage_id AND NEW.status IS OLD.status BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('deal_changed', NEW.id, json_object(
        'change', CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'deleted'
                       WHEN NEW.deleted_at IS NULL AND OLD.deleted_at IS NOT NULL THEN 'restored' ELSE 'updated' END,
        'version', NEW.version,
        'previousOwner', CASE WHEN NEW.owner_id IS NOT OLD.owner_id THEN OLD.owner_id END), NEW.updated_at);
END;

DROP TRIGGER inquiries_event_updated;
CREATE TRIGGER inquiries_event_updated AFTER UPDATE ON inquiries WHEN NEW.version != OLD.version BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('inquiry_changed', NEW.id, json_object(
        'change', CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'deleted'
                       WHEN NEW.deleted_at IS NULL AND OLD.deleted_at IS NOT NULL THEN 'restored' ELSE 'updated' END,
        'version', NEW.version,
        'previousAssignee', CASE WHEN NEW.assignee_id IS NOT OLD.assignee_id THEN OLD.assignee_id END), NEW.updated_at);
END;

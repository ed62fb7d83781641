-- Support inquiries registered or changed are announced through the outbox (`inquiryChanged`),
-- so support queues stay current: every write that moves an inquiry's version tells of it.
CREATE TRIGGER inquiries_event_created AFTER INSERT ON inquiries BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('inquiry_changed', NEW.id, json_object('change', 'created', 'version', NEW.version), NEW.created_at);
END;

CREATE TRIGGER inquiries_event_updated AFTER UPDATE ON inquiries WHEN NEW.version != OLD.version BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('inquiry_changed', NEW.id, json_object(
        'change', CASE WHEN NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN 'deleted'
                       WHEN NEW.deleted_at IS NULL AND OLD.deleted_at IS NOT NULL THEN 'restored' ELSE 'updated' END,
        'version', NEW.version), NEW.updated_at);
END;

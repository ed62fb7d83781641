-- Presence: a user with a live console connection is online, shown with the presence they chose;
-- without one, offline. The server counts its connections per user (reset when it starts), and a
-- change of the effective presence is an event of the outbox.

ALTER TABLE users ADD COLUMN live_connections INTEGER NOT NULL DEFAULT 0 CHECK (live_connections >= 0);

CREATE TRIGGER users_event_presence AFTER UPDATE OF live_connections, presence_choice ON users
    WHEN (CASE WHEN NEW.live_connections = 0 THEN 'offline' ELSE NEW.presence_choice END)
      != (CASE WHEN OLD.live_connections = 0 THEN 'offline' ELSE OLD.presence_choice END) BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('presence_changed', NEW.id, json_object(
        'presence', CASE WHEN NEW.live_connections = 0 THEN 'offline' ELSE NEW.presence_choice END,
        'previous', CASE WHEN OLD.live_connections = 0 THEN 'offline' ELSE OLD.presence_choice END),
        strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
END;

-- Ending a session (sign-out, a password change, signing out everywhere) or revoking an API token
-- is announced through the outbox, so live connections opened with those credentials close.
CREATE TRIGGER sessions_event_revoked AFTER UPDATE OF revoked_at ON sessions
    WHEN NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('credentials_revoked', NEW.id, json_object('session', NEW.id, 'user', NEW.user_id), NEW.revoked_at);
END;

CREATE TRIGGER api_tokens_event_revoked AFTER UPDATE OF revoked_at ON api_tokens
    WHEN NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL BEGIN
    INSERT INTO events (kind, record_id, detail, occurred_at)
    VALUES ('credentials_revoked', NEW.id, json_object('apiToken', NEW.id), NEW.revoked_at);
END;

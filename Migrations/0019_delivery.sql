-- Delivery of outgoing messages by their channel's adapter: when to try next (a service that
-- asked to wait, e.g. Telegram's retry_after), and how many tries were made.

ALTER TABLE messages ADD COLUMN next_attempt_at TEXT;
ALTER TABLE messages ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;

-- Contact persons, linked to a client (organisation) with a position; their phones and e-mails
-- go into contact_points like clients' do.

CREATE TABLE contacts (
    id            INTEGER PRIMARY KEY,
    first_name    TEXT    NOT NULL,
    middle_name   TEXT,
    last_name     TEXT,
    name          TEXT    NOT NULL, -- the display name, kept for ordering and search
    client_id     INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    position      TEXT,
    owner_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    phones        TEXT    NOT NULL DEFAULT '[]',
    emails        TEXT    NOT NULL DEFAULT '[]',
    messengers    TEXT    NOT NULL DEFAULT '[]',
    birthday      TEXT,             -- YYYY-MM-DD
    custom_fields TEXT    NOT NULL DEFAULT '{}',
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted_at    TEXT
);
CREATE INDEX contacts_owner ON contacts(owner_id);
CREATE INDEX contacts_client ON contacts(client_id);
CREATE INDEX contacts_name ON contacts(name, id);
CREATE INDEX contacts_created ON contacts(created_at, id);
CREATE INDEX contacts_updated ON contacts(updated_at, id);

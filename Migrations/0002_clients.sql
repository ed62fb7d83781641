-- Clients (organisations and individuals) with their phones, e-mails and messenger handles, and
-- an index of contact points so a phone typed in any format or an e-mail finds its owner.

CREATE TABLE clients (
    id            INTEGER PRIMARY KEY,
    kind          TEXT    NOT NULL CHECK (kind IN ('organisation', 'individual')),
    status        TEXT    NOT NULL DEFAULT 'prospect' CHECK (status IN ('prospect', 'client')),
    converted_at  TEXT,
    name          TEXT    NOT NULL,
    legal_name    TEXT,
    inn           TEXT,
    web_domain    TEXT,
    industry      TEXT,
    source        TEXT,
    campaign      TEXT,
    owner_id      INTEGER REFERENCES users(id) ON DELETE SET NULL,
    tags          TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings
    phones        TEXT    NOT NULL DEFAULT '[]', -- JSON array of {"number","kind","primary"}
    emails        TEXT    NOT NULL DEFAULT '[]', -- JSON array of {"address","kind","primary"}
    messengers    TEXT    NOT NULL DEFAULT '[]', -- JSON array of {"messenger","handle"}
    address       TEXT,
    custom_fields TEXT    NOT NULL DEFAULT '{}', -- JSON object
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    created_by    INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    deleted_at    TEXT
);
CREATE INDEX clients_owner ON clients(owner_id);
CREATE INDEX clients_name ON clients(name, id);
CREATE INDEX clients_created ON clients(created_at, id);
CREATE INDEX clients_updated ON clients(updated_at, id);
CREATE INDEX clients_inn ON clients(inn) WHERE inn IS NOT NULL;
CREATE INDEX clients_domain ON clients(web_domain) WHERE web_domain IS NOT NULL;

-- Phones (as E.164 digits) and e-mails (normalised) of records, for look-ups.
CREATE TABLE contact_points (
    entity_type TEXT    NOT NULL,
    entity_id   INTEGER NOT NULL,
    kind        TEXT    NOT NULL CHECK (kind IN ('phone', 'email')),
    value       TEXT    NOT NULL
);
CREATE INDEX contact_points_value ON contact_points(kind, value);
CREATE INDEX contact_points_entity ON contact_points(entity_type, entity_id);

-- Full-text search over clients, contacts and deals (FTS5): names, phones (E.164 digits and, for
-- Russian numbers, the 10-digit national number), e-mails, INN and web domain. The index row of a
-- record has rowid = kind * 2^40 + id (kind 1 client, 2 contact, 3 deal: rowid order is clients,
-- then contacts, then deals — the order of a query too broad to rank) and is kept by triggers, so every
-- write path keeps it true; deleted records leave the index and come back when restored.
-- Names are indexed with ё written as е, as Russian users mostly type them.

-- `owner` holds the owner as a token (`u42`), so visibility is part of the full-text match and
-- never reads a row's content; words typed by users are matched in the other columns only.
CREATE VIRTUAL TABLE search_index USING fts5(
    name, phone, email, inn, domain, owner,
    kind UNINDEXED, owner_id UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Ranking: BM25 with a match in the name weighing most, then the INN.
INSERT INTO search_index (search_index, rank) VALUES ('rank', 'bm25(10.0, 6.0, 6.0, 8.0, 6.0, 0.0)');

-- The phone tokens of a JSON array of phones: digits, plus the national number of +7 numbers.
CREATE VIEW search_client_rows AS
    SELECT 1 * 1099511627776 + id AS rowid,
        replace(replace(name || CASE WHEN legal_name IS NOT NULL AND legal_name != name THEN ' ' || legal_name ELSE '' END,
            'ё', 'е'), 'Ё', 'Е') AS name,
        (SELECT group_concat(d || CASE WHEN d LIKE '7%' THEN ' ' || substr(d, 2) ELSE '' END, ' ')
           FROM (SELECT ltrim(json_extract(value, '$.number'), '+') AS d FROM json_each(clients.phones))) AS phone,
        (SELECT group_concat(json_extract(value, '$.address'), ' ') FROM json_each(clients.emails)) AS email,
        inn, web_domain AS domain, 'client' AS kind, owner_id, 'u' || owner_id AS owner, deleted_at, id
    FROM clients;

CREATE VIEW search_contact_rows AS
    SELECT 2 * 1099511627776 + id AS rowid, replace(replace(name, 'ё', 'е'), 'Ё', 'Е') AS name,
        (SELECT group_concat(d || CASE WHEN d LIKE '7%' THEN ' ' || substr(d, 2) ELSE '' END, ' ')
           FROM (SELECT ltrim(json_extract(value, '$.number'), '+') AS d FROM json_each(contacts.phones))) AS phone,
        (SELECT group_concat(json_extract(value, '$.address'), ' ') FROM json_each(contacts.emails)) AS email,
        NULL AS inn, NULL AS domain, 'contact' AS kind, owner_id, 'u' || owner_id AS owner, deleted_at, id
    FROM contacts;

CREATE VIEW search_deal_rows AS
    SELECT 3 * 1099511627776 + id AS rowid, replace(replace(title, 'ё', 'е'), 'Ё', 'Е') AS name, NULL AS phone, NULL AS email, NULL AS inn, NULL AS domain, 'deal' AS kind,
        owner_id, 'u' || owner_id AS owner, deleted_at, id
    FROM deals;

CREATE TRIGGER clients_search_insert AFTER INSERT ON clients BEGIN
    INSERT INTO search_index (rowid, name, phone, email, inn, domain, owner, kind, owner_id)
        SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_client_rows WHERE id = NEW.id AND deleted_at IS NULL;
END;
CREATE TRIGGER clients_search_update AFTER UPDATE ON clients BEGIN
    DELETE FROM search_index WHERE rowid = 1 * 1099511627776 + OLD.id;
    INSERT INTO search_index (rowid, name, phone, email, inn, domain, owner, kind, owner_id)
        SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_client_rows WHERE id = NEW.id AND deleted_at IS NULL;
END;
CREATE TRIGGER clients_search_delete AFTER DELETE ON clients BEGIN
    DELETE FROM search_index WHERE rowid = 1 * 1099511627776 + OLD.id;
END;

CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO search_index (rowid, name, phone, email, inn, domain, owner, kind, owner_id)
        SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_contact_rows WHERE id = NEW.id AND deleted_at IS NULL;
END;
CREATE TRIGGER contacts_search_update AFTER UPDATE ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = 2 * 1099511627776 + OLD.id;
    INSERT INTO search_index (rowid, name, phone, email, inn, domain, owner, kind, owner_id)
        SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_contact_rows WHERE id = NEW.id AND deleted_at IS NULL;
END;
CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN
    DELETE FROM search_index WHERE rowid = 2 * 1099511627776 + OLD.id;
END;

CREATE TRIGGER deals_search_insert AFTER INSERT ON deals BEGIN
    INSERT INTO search_index (rowid, name, phone, email, inn, domain, owner, kind, owner_id)
        SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_deal_rows WHERE id = NEW.id AND deleted_at IS NULL;
END;
CREATE TRIGGER deals_search_update AFTER UPDATE OF title, owner_id, deleted_at ON deals BEGIN
    DELETE FROM search_index WHERE rowid = 3 * 1099511627776 + OLD.id;
    INSERT INTO search_index (rowid, name, phone, email, inn, domain, owner, kind, owner_id)
        SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_deal_rows WHERE id = NEW.id AND deleted_at IS NULL;
END;
CREATE TRIGGER deals_search_delete AFTER DELETE ON deals BEGIN
    DELETE FROM search_index WHERE rowid = 3 * 1099511627776 + OLD.id;
END;

-- Records stored before this migration.
INSERT INTO search_index (rowid, name, phone, email, inn, domain, owner, kind, owner_id)
    SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_client_rows WHERE deleted_at IS NULL
    UNION ALL SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_contact_rows WHERE deleted_at IS NULL
    UNION ALL SELECT rowid, name, phone, email, inn, domain, owner, kind, owner_id FROM search_deal_rows WHERE deleted_at IS NULL;

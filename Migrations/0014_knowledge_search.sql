-- Full-text search over the knowledge base (FTS5): the word stems of each article's title, body
-- and tags, made by `sb_stems(text)` — a function the server registers on every connection
-- (WordStemmer: Russian and English suffix stripping, lowercase, ё as е, no diacritics) — so
-- «счёта» finds «счёт на оплату». The index row of an article has its id as rowid and is kept by
-- triggers, so every write path keeps it true (writing articles outside the server, e.g. with the
-- sqlite3 shell, fails for want of the function). Deleted articles and drafts stay in the index:
-- queries join the articles and filter them there.
CREATE VIRTUAL TABLE knowledge_index USING fts5(
    title, body, tags,
    tokenize = 'unicode61 remove_diacritics 2'
);
-- Ranking: BM25 with a match in the title weighing most, then the tags.
INSERT INTO knowledge_index (knowledge_index, rank) VALUES ('rank', 'bm25(10.0, 1.0, 4.0)');

CREATE TRIGGER knowledge_articles_index_insert AFTER INSERT ON knowledge_articles BEGIN
    INSERT INTO knowledge_index (rowid, title, body, tags)
        VALUES (NEW.id, sb_stems(NEW.title), sb_stems(NEW.body), sb_stems(NEW.tags));
END;
CREATE TRIGGER knowledge_articles_index_update AFTER UPDATE OF title, body, tags ON knowledge_articles BEGIN
    DELETE FROM knowledge_index WHERE rowid = OLD.id;
    INSERT INTO knowledge_index (rowid, title, body, tags)
        VALUES (NEW.id, sb_stems(NEW.title), sb_stems(NEW.body), sb_stems(NEW.tags));
END;
CREATE TRIGGER knowledge_articles_index_delete AFTER DELETE ON knowledge_articles BEGIN
    DELETE FROM knowledge_index WHERE rowid = OLD.id;
END;

-- Articles stored before this migration.
INSERT INTO knowledge_index (rowid, title, body, tags)
    SELECT id, sb_stems(title), sb_stems(body), sb_stems(tags) FROM knowledge_articles;

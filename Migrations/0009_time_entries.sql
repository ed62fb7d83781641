-- Time tracking: minutes a user spent on an inquiry or for a client, on a work date.

CREATE TABLE time_entries (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id),
    inquiry_id  INTEGER REFERENCES inquiries(id),
    client_id   INTEGER REFERENCES clients(id) ON DELETE SET NULL, -- the inquiry's client when not named
    date        TEXT    NOT NULL,                                   -- YYYY-MM-DD in the user's time zone
    minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),
    note        TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT,
    CHECK (inquiry_id IS NOT NULL OR client_id IS NOT NULL)
);
CREATE INDEX time_entries_user ON time_entries(user_id, date);
CREATE INDEX time_entries_inquiry ON time_entries(inquiry_id);
CREATE INDEX time_entries_client ON time_entries(client_id, date);
CREATE INDEX time_entries_date ON time_entries(date, id);
CREATE INDEX time_entries_created ON time_entries(created_at, id);

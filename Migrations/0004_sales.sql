-- Sales: pipelines with ordered stages, deals moving through them, and the history of every move
-- (the basis of funnel analytics).

CREATE TABLE pipelines (
    id               INTEGER PRIMARY KEY,
    name             TEXT    NOT NULL,
    description      TEXT,
    position         INTEGER NOT NULL DEFAULT 0,
    is_default       INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
    default_currency TEXT    NOT NULL DEFAULT 'RUB',
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL,
    created_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    deleted_at       TEXT
);
-- Names are unique among live pipelines; exactly one live pipeline is the default.
CREATE UNIQUE INDEX pipelines_name ON pipelines(lower(name)) WHERE deleted_at IS NULL;
CREATE UNIQUE INDEX pipelines_default ON pipelines(is_default) WHERE is_default = 1 AND deleted_at IS NULL;

CREATE TABLE pipeline_stages (
    id          INTEGER PRIMARY KEY,
    pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
    name        TEXT    NOT NULL,
    position    INTEGER NOT NULL,
    probability INTEGER NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
    color       TEXT    NOT NULL,
    stall_days  INTEGER CHECK (stall_days IS NULL OR stall_days > 0),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    created_by  INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    deleted_at  TEXT
);
CREATE INDEX pipeline_stages_pipeline ON pipeline_stages(pipeline_id, position);

CREATE TABLE deals (
    id                  INTEGER PRIMARY KEY,
    title               TEXT    NOT NULL,
    pipeline_id         INTEGER NOT NULL REFERENCES pipelines(id),
    stage_id            INTEGER NOT NULL REFERENCES pipeline_stages(id),
    status              TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    loss_reason         TEXT,
    amount              TEXT,             -- exact decimal text, never negative
    currency            TEXT    NOT NULL,
    expected_close_date TEXT,             -- YYYY-MM-DD
    closed_at           TEXT,
    owner_id            INTEGER REFERENCES users(id) ON DELETE SET NULL,
    client_id           INTEGER REFERENCES clients(id) ON DELETE SET NULL,
    contact_id          INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    source              TEXT,
    campaign            TEXT,
    custom_fields       TEXT    NOT NULL DEFAULT '{}',
    stage_entered_at    TEXT    NOT NULL,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL,
    created_by          INTEGER REFERENCES users(id) ON DELETE SET NULL,
    version             INTEGER NOT NULL DEFAULT 1,
    deleted_at          TEXT
);
CREATE INDEX deals_owner ON deals(owner_id);
CREATE INDEX deals_client ON deals(client_id);
CREATE INDEX deals_contact ON deals(contact_id);
CREATE INDEX deals_stage ON deals(stage_id, status);
CREATE INDEX deals_pipeline ON deals(pipeline_id, status);
CREATE INDEX deals_created ON deals(created_at, id);
CREATE INDEX deals_updated ON deals(updated_at, id);
CREATE INDEX deals_title ON deals(title, id);

-- A deal with what its stage says about it: the stage's probability and stall limit.
CREATE VIEW deal_rows AS
    SELECT deals.*, pipeline_stages.probability AS stage_probability, pipeline_stages.stall_days AS stage_stall_days
    FROM deals JOIN pipeline_stages ON pipeline_stages.id = deals.stage_id;

-- Every move of a deal between stages or statuses, oldest first.
CREATE TABLE deal_stage_changes (
    id                         INTEGER PRIMARY KEY,
    deal_id                    INTEGER NOT NULL REFERENCES deals(id),
    from_stage_id              INTEGER REFERENCES pipeline_stages(id),
    to_stage_id                INTEGER NOT NULL REFERENCES pipeline_stages(id),
    from_status                TEXT,
    to_status                  TEXT    NOT NULL,
    changed_at                 TEXT    NOT NULL,
    actor_kind                 TEXT    NOT NULL,
    actor_id                   INTEGER,
    seconds_in_previous_stage  INTEGER
);
CREATE INDEX deal_stage_changes_deal ON deal_stage_changes(deal_id, id);

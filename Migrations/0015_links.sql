-- Links between the parts of the CRM: a deal registered from a support inquiry, and tasks that
-- belong to a dialogue or an inquiry.

ALTER TABLE deals ADD COLUMN inquiry_id INTEGER REFERENCES inquiries(id) ON DELETE SET NULL;
CREATE INDEX deals_inquiry ON deals(inquiry_id) WHERE inquiry_id IS NOT NULL;

ALTER TABLE tasks ADD COLUMN dialogue_id INTEGER REFERENCES dialogues(id) ON DELETE SET NULL;
ALTER TABLE tasks ADD COLUMN inquiry_id INTEGER REFERENCES inquiries(id) ON DELETE SET NULL;
CREATE INDEX tasks_dialogue ON tasks(dialogue_id) WHERE dialogue_id IS NOT NULL;
CREATE INDEX tasks_inquiry ON tasks(inquiry_id) WHERE inquiry_id IS NOT NULL;

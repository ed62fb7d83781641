-- The provider's id of a call's current leg, which its API's commands name (Mango Office's
-- `call_id`; the call itself is keyed by `entry_id`). Not an event of its own.
ALTER TABLE calls ADD COLUMN provider_leg_id TEXT;

-- A meeting is on the timeline of every contact taking part. Its own contact finds it
-- through interactions_contact as before; every other contact named in its participants
-- finds it through a row here. The row copies the meeting's start, so a contact's
-- meetings are read from the primary key already in timeline order and a page stops
-- after its last row. The store keeps these rows in the same transaction as the meeting.
CREATE TABLE meeting_contacts (
    contact_id UUID NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    interaction_id UUID NOT NULL REFERENCES interactions (id),
    PRIMARY KEY (contact_id, occurred_at, interaction_id)
);
CREATE INDEX meeting_contacts_interaction ON meeting_contacts (interaction_id);

INSERT INTO meeting_contacts (contact_id, occurred_at, interaction_id)
SELECT DISTINCT CAST(p ->> 'contact_id' AS UUID), i.occurred_at, i.id
FROM interactions AS i
CROSS JOIN LATERAL jsonb_array_elements(
    CASE WHEN jsonb_typeof(i.participants) = 'array' THEN i.participants ELSE '[]' END
) AS p
WHERE i.kind = 'meeting'
  AND jsonb_typeof(p -> 'contact_id') = 'string'
  AND CAST(p ->> 'contact_id' AS UUID) IS DISTINCT FROM i.contact_id;

-- Where a meeting takes place: a room, an address or a video call's link.
ALTER TABLE interactions ADD COLUMN location TEXT;

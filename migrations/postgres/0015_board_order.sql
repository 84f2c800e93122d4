-- A board column lists a stage's open deals by how long they have been in it, so the
-- index that finds them also keeps them in that order and a column reads only its page.
DROP INDEX deals_board;
CREATE INDEX deals_board ON deals (pipeline_id, status, stage, stage_entered_at, id);

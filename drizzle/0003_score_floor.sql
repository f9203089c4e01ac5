-- Scores never go below 0 (every round, every adjustment): the code applies a penalty only down
-- to 0 and writes the change it applied; a row that would take a team below 0 is refused here.
CREATE TRIGGER `score_events_floor` BEFORE INSERT ON `score_events`
WHEN (SELECT `score` FROM `teams` WHERE `id` = NEW.`team_id`) + NEW.`delta` < 0
BEGIN SELECT RAISE(ABORT, 'score_below_zero'); END;

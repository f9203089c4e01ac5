-- Invariants that a CHECK cannot express, enforced by triggers so no code path can bypass them.

-- A game never holds more participants than its capacity.
CREATE TRIGGER `participants_capacity` BEFORE INSERT ON `participants`
WHEN (SELECT count(*) FROM `participants` WHERE `game_id` = NEW.`game_id`) >= (SELECT `max_participants` FROM `games` WHERE `id` = NEW.`game_id`)
BEGIN SELECT RAISE(ABORT, 'game_full'); END;
--> statement-breakpoint
-- A participant's team belongs to the participant's game.
CREATE TRIGGER `participants_team_game` BEFORE INSERT ON `participants`
WHEN (SELECT `game_id` FROM `teams` WHERE `id` = NEW.`team_id`) IS NOT NEW.`game_id`
BEGIN SELECT RAISE(ABORT, 'team_not_in_game'); END;
--> statement-breakpoint
CREATE TRIGGER `participants_team_game_update` BEFORE UPDATE OF `team_id` ON `participants`
WHEN (SELECT `game_id` FROM `teams` WHERE `id` = NEW.`team_id`) IS NOT NEW.`game_id`
BEGIN SELECT RAISE(ABORT, 'team_not_in_game'); END;
--> statement-breakpoint
-- teams.score is a cache of the ledger; it moves only with a ledger row, in the same statement.
CREATE TRIGGER `score_events_apply` AFTER INSERT ON `score_events`
BEGIN UPDATE `teams` SET `score` = `score` + NEW.`delta` WHERE `id` = NEW.`team_id`; END;
--> statement-breakpoint
-- The ledger is append-only.
CREATE TRIGGER `score_events_no_update` BEFORE UPDATE ON `score_events`
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;

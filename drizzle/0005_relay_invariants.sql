-- Relay Quiz invariants that a CHECK cannot express (src/rounds/relay-quiz/).

-- A holding, an answer and a hint name a member of the same round and team. (No trigger here
-- reads `rounds` or `teams`: drizzle-kit rebuilds a table to change a CHECK — a new round type —
-- and SQLite refuses the rebuild's RENAME while a trigger names the dropped table.)
CREATE TRIGGER `relay_holders_member` BEFORE INSERT ON `relay_holders`
WHEN (SELECT `round_id` || ':' || `team_id` FROM `relay_members` WHERE `id` = NEW.`member_id`) IS NOT NEW.`round_id` || ':' || NEW.`team_id`
BEGIN SELECT RAISE(ABORT, 'relay_member_not_in_team'); END;
--> statement-breakpoint
CREATE TRIGGER `relay_holders_member_update` BEFORE UPDATE OF `member_id`, `team_id`, `round_id` ON `relay_holders`
WHEN (SELECT `round_id` || ':' || `team_id` FROM `relay_members` WHERE `id` = NEW.`member_id`) IS NOT NEW.`round_id` || ':' || NEW.`team_id`
BEGIN SELECT RAISE(ABORT, 'relay_member_not_in_team'); END;
--> statement-breakpoint
CREATE TRIGGER `relay_answers_member` BEFORE INSERT ON `relay_answers`
WHEN (SELECT `round_id` || ':' || `team_id` FROM `relay_members` WHERE `id` = NEW.`member_id`) IS NOT NEW.`round_id` || ':' || NEW.`team_id`
BEGIN SELECT RAISE(ABORT, 'relay_member_not_in_team'); END;
--> statement-breakpoint
CREATE TRIGGER `relay_hints_member` BEFORE INSERT ON `relay_hints`
WHEN (SELECT `round_id` || ':' || `team_id` FROM `relay_members` WHERE `id` = NEW.`member_id`) IS NOT NEW.`round_id` || ':' || NEW.`team_id`
BEGIN SELECT RAISE(ABORT, 'relay_member_not_in_team'); END;
--> statement-breakpoint
-- Answers and hints are facts: once recorded they never change (the ledger holds their points).
CREATE TRIGGER `relay_answers_no_update` BEFORE UPDATE ON `relay_answers`
BEGIN SELECT RAISE(ABORT, 'relay_answers_append_only'); END;
--> statement-breakpoint
CREATE TRIGGER `relay_hints_no_update` BEFORE UPDATE ON `relay_hints`
BEGIN SELECT RAISE(ABORT, 'relay_hints_append_only'); END;
--> statement-breakpoint
-- A team's place in the finishing order is given once and kept; its cycle never goes back.
CREATE TRIGGER `relay_progress_finish_kept` BEFORE UPDATE ON `relay_progress`
WHEN (OLD.`finish_order` IS NOT NULL AND NEW.`finish_order` IS NOT OLD.`finish_order`) OR NEW.`cycle` < OLD.`cycle`
BEGIN SELECT RAISE(ABORT, 'relay_progress_backwards'); END;
--> statement-breakpoint
-- The ledger stays append-only, but a removed student's rows keep their points with no name:
-- participants.id → score_events.participant_id is ON DELETE SET NULL, and the old trigger refused
-- that update, so removing any student who had scored failed (the relay hands a removed member's
-- questions on, so removals mid-round must work). Only nulling who/which round is allowed.
DROP TRIGGER `score_events_no_update`;
--> statement-breakpoint
CREATE TRIGGER `score_events_no_update` BEFORE UPDATE ON `score_events`
WHEN NOT (NEW.`id` IS OLD.`id` AND NEW.`game_id` IS OLD.`game_id` AND NEW.`team_id` IS OLD.`team_id` AND NEW.`delta` IS OLD.`delta`
  AND NEW.`reason` IS OLD.`reason` AND NEW.`created_at` IS OLD.`created_at`
  AND (NEW.`participant_id` IS OLD.`participant_id` OR NEW.`participant_id` IS NULL)
  AND (NEW.`round_id` IS OLD.`round_id` OR NEW.`round_id` IS NULL))
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;

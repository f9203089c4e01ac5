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

-- The ledger is append-only, but its rows point at a student and a round that may be removed
-- (a student kicked, a game's round deleted): those links become NULL (ON DELETE SET NULL), and
-- the old trigger refused that too — removing a student who had scored failed. Now only a change
-- of what a row says (amount, team, game, reason, time) or a new link is refused.
DROP TRIGGER `score_events_no_update`;
--> statement-breakpoint
CREATE TRIGGER `score_events_no_update` BEFORE UPDATE ON `score_events`
WHEN NEW.`delta` IS NOT OLD.`delta` OR NEW.`team_id` IS NOT OLD.`team_id` OR NEW.`game_id` IS NOT OLD.`game_id`
  OR NEW.`reason` IS NOT OLD.`reason` OR NEW.`created_at` IS NOT OLD.`created_at`
  OR (NEW.`participant_id` IS NOT OLD.`participant_id` AND NEW.`participant_id` IS NOT NULL)
  OR (NEW.`round_id` IS NOT OLD.`round_id` AND NEW.`round_id` IS NOT NULL)
BEGIN SELECT RAISE(ABORT, 'ledger_append_only'); END;

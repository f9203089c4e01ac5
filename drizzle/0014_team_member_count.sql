-- A team's member list (every phone's lobby page, its first frame, each of its updates) is read
-- from this index alone: (team_id, id, nickname) serves every query (team_id) did.
DROP INDEX `participants_team`;--> statement-breakpoint
CREATE INDEX `participants_team` ON `participants` (`team_id`,`id`,`nickname`);--> statement-breakpoint
ALTER TABLE `teams` ADD `member_count` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- teams.member_count is a cache of the team's participant rows, as teams.score is of the ledger:
-- only these triggers move it, in the statement that adds, removes or moves a participant. A join
-- reads it for the smallest team and for the game's capacity instead of counting rows (a third of
-- a join's time at a thousand seats). (These name `teams` from `participants`, as 0001's do: a
-- drizzle-kit rebuild of either table must drop them first and create them again after;
-- test/db/migrate.test.ts checks they are all there.)
UPDATE `teams` SET `member_count` = (SELECT count(*) FROM `participants` WHERE `team_id` = `teams`.`id`);
--> statement-breakpoint
CREATE TRIGGER `participants_count_insert` AFTER INSERT ON `participants`
BEGIN UPDATE `teams` SET `member_count` = `member_count` + 1 WHERE `id` = NEW.`team_id`; END;
--> statement-breakpoint
CREATE TRIGGER `participants_count_delete` AFTER DELETE ON `participants`
BEGIN UPDATE `teams` SET `member_count` = `member_count` - 1 WHERE `id` = OLD.`team_id`; END;
--> statement-breakpoint
CREATE TRIGGER `participants_count_move` AFTER UPDATE OF `team_id` ON `participants` WHEN OLD.`team_id` IS NOT NEW.`team_id`
BEGIN
  UPDATE `teams` SET `member_count` = `member_count` - 1 WHERE `id` = OLD.`team_id`;
  UPDATE `teams` SET `member_count` = `member_count` + 1 WHERE `id` = NEW.`team_id`;
END;
--> statement-breakpoint
-- A count below zero would mean a row moved without its trigger: refused.
CREATE TRIGGER `teams_member_count_kept` BEFORE UPDATE OF `member_count` ON `teams`
WHEN NEW.`member_count` < 0
BEGIN SELECT RAISE(ABORT, 'member_count_negative'); END;
--> statement-breakpoint
-- The capacity check of migration 0001, from the cache (it counted the game's rows at every join).
DROP TRIGGER `participants_capacity`;
--> statement-breakpoint
CREATE TRIGGER `participants_capacity` BEFORE INSERT ON `participants`
WHEN (SELECT coalesce(sum(`member_count`), 0) FROM `teams` WHERE `game_id` = NEW.`game_id`) >= (SELECT `max_participants` FROM `games` WHERE `id` = NEW.`game_id`)
BEGIN SELECT RAISE(ABORT, 'game_full'); END;

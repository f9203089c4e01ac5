ALTER TABLE `teams` ADD `members_version` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- teams.members_version moves with every change to the team's member list, in the statement that
-- makes it: a join, a removal, a move (0014's count triggers, made again to move both columns in
-- one update) and a new nickname. A team's drawn member list is kept per version
-- (src/live/member-lists.ts). (Like 0014's, these name `teams` from `participants`: a drizzle-kit
-- rebuild of either table must drop them first and create them again after;
-- test/db/migrate.test.ts checks they are all there.)
DROP TRIGGER `participants_count_insert`;
--> statement-breakpoint
DROP TRIGGER `participants_count_delete`;
--> statement-breakpoint
DROP TRIGGER `participants_count_move`;
--> statement-breakpoint
CREATE TRIGGER `participants_count_insert` AFTER INSERT ON `participants`
BEGIN UPDATE `teams` SET `member_count` = `member_count` + 1, `members_version` = `members_version` + 1 WHERE `id` = NEW.`team_id`; END;
--> statement-breakpoint
CREATE TRIGGER `participants_count_delete` AFTER DELETE ON `participants`
BEGIN UPDATE `teams` SET `member_count` = `member_count` - 1, `members_version` = `members_version` + 1 WHERE `id` = OLD.`team_id`; END;
--> statement-breakpoint
CREATE TRIGGER `participants_count_move` AFTER UPDATE OF `team_id` ON `participants` WHEN OLD.`team_id` IS NOT NEW.`team_id`
BEGIN
  UPDATE `teams` SET `member_count` = `member_count` - 1, `members_version` = `members_version` + 1 WHERE `id` = OLD.`team_id`;
  UPDATE `teams` SET `member_count` = `member_count` + 1, `members_version` = `members_version` + 1 WHERE `id` = NEW.`team_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `participants_members_rename` AFTER UPDATE OF `nickname` ON `participants` WHEN OLD.`nickname` IS NOT NEW.`nickname`
BEGIN UPDATE `teams` SET `members_version` = `members_version` + 1 WHERE `id` = NEW.`team_id`; END;

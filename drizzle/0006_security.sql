ALTER TABLE `participants` ADD `joined_from` text;--> statement-breakpoint
ALTER TABLE `roster_entries` ADD `pin` text;--> statement-breakpoint
-- A new NOT NULL column whose default is drawn per row (a random board key) cannot be added with
-- ALTER TABLE to a table that has rows: the table is rebuilt, each existing team drawing its key.
-- (Migrations run with foreign keys off; see src/db/migrate.ts.)
CREATE TABLE `__new_teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`game_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`bracket` text,
	`score` integer DEFAULT 0 NOT NULL,
	`board_key` text DEFAULT (lower(hex(randomblob(16)))) NOT NULL,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "teams_name_length" CHECK(length("name") BETWEEN 1 AND 40)
);
--> statement-breakpoint
INSERT INTO `__new_teams`(`id`, `game_id`, `position`, `name`, `bracket`, `score`) SELECT `id`, `game_id`, `position`, `name`, `bracket`, `score` FROM `teams`;--> statement-breakpoint
DROP TABLE `teams`;--> statement-breakpoint
-- Triggers on other tables name `teams` (0001_invariants.sql); a modern RENAME re-checks them while
-- `teams` is missing and fails. The legacy rename only renames, which is all this step needs.
PRAGMA legacy_alter_table = ON;--> statement-breakpoint
ALTER TABLE `__new_teams` RENAME TO `teams`;--> statement-breakpoint
PRAGMA legacy_alter_table = OFF;--> statement-breakpoint
CREATE UNIQUE INDEX `teams_game_position` ON `teams` (`game_id`,`position`);

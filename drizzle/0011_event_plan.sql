CREATE TABLE `plan_rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`game_id` integer NOT NULL,
	`position` integer NOT NULL,
	`type` text NOT NULL,
	`settings` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'planned' NOT NULL,
	`round_id` integer,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "plan_rounds_type" CHECK("plan_rounds"."type" IN ('year_game', 'score_steal', 'relay_quiz')),
	CONSTRAINT "plan_rounds_status" CHECK("plan_rounds"."status" IN ('planned', 'played', 'skipped')),
	CONSTRAINT "plan_rounds_position_range" CHECK("plan_rounds"."position" BETWEEN 1 AND 50),
	CONSTRAINT "plan_rounds_played" CHECK(("plan_rounds"."status" = 'played') = ("plan_rounds"."round_id" IS NOT NULL)),
	CONSTRAINT "plan_rounds_settings" CHECK(json_valid("plan_rounds"."settings") AND json_type("plan_rounds"."settings") = 'object' AND length("plan_rounds"."settings") <= 4000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_rounds_position` ON `plan_rounds` (`game_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `plan_rounds_round` ON `plan_rounds` (`round_id`);--> statement-breakpoint
CREATE TABLE `podiums` (
	`game_id` integer PRIMARY KEY NOT NULL,
	`revealed` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "podiums_revealed" CHECK("podiums"."revealed" BETWEEN 0 AND 200)
);
--> statement-breakpoint
CREATE INDEX `score_events_game` ON `score_events` (`game_id`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `score_events_undo_once` ON `score_events` (`reason`) WHERE reason GLOB 'adjust_undo:*';
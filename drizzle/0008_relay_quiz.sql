CREATE TABLE `relay_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`set_index` integer NOT NULL,
	`position` integer NOT NULL,
	`question_id` integer NOT NULL,
	`member_id` integer NOT NULL,
	`answer` text NOT NULL,
	`received_input` text,
	`input_problem` text,
	`correct` integer NOT NULL,
	`credit` text NOT NULL,
	`points` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `relay_members`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "relay_answers_slot" CHECK("relay_answers"."set_index" >= 0 AND "relay_answers"."position" >= 1),
	CONSTRAINT "relay_answers_length" CHECK(length("relay_answers"."answer") BETWEEN 1 AND 100),
	CONSTRAINT "relay_answers_credit" CHECK("relay_answers"."credit" IN ('answer', 'follow_through', 'none') AND ("relay_answers"."credit" = 'none') = ("relay_answers"."correct" = 0)),
	CONSTRAINT "relay_answers_points" CHECK("relay_answers"."points" >= 0 AND ("relay_answers"."correct" = 1 OR "relay_answers"."points" = 0)),
	CONSTRAINT "relay_answers_input_problem" CHECK("relay_answers"."input_problem" IS NULL OR "relay_answers"."input_problem" IN ('missing', 'not_a_number', 'not_in_table', 'division_by_zero', 'too_large', 'undefined', 'formula_syntax'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relay_answers_once` ON `relay_answers` (`round_id`,`team_id`,`set_index`,`position`);--> statement-breakpoint
CREATE TABLE `relay_hints` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`set_index` integer NOT NULL,
	`position` integer NOT NULL,
	`member_id` integer NOT NULL,
	`penalty` integer NOT NULL,
	`charged` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `relay_members`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "relay_hints_slot" CHECK("relay_hints"."set_index" >= 0 AND "relay_hints"."position" >= 2),
	CONSTRAINT "relay_hints_charge" CHECK("relay_hints"."penalty" >= 0 AND "relay_hints"."charged" BETWEEN 0 AND "relay_hints"."penalty")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relay_hints_once` ON `relay_hints` (`round_id`,`team_id`,`set_index`,`position`);--> statement-breakpoint
CREATE TABLE `relay_holders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`cycle` integer NOT NULL,
	`set_index` integer NOT NULL,
	`member_id` integer NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `relay_members`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "relay_holders_slot" CHECK("relay_holders"."cycle" >= 1 AND "relay_holders"."set_index" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relay_holders_once` ON `relay_holders` (`round_id`,`member_id`,`cycle`,`set_index`);--> statement-breakpoint
CREATE INDEX `relay_holders_team` ON `relay_holders` (`round_id`,`team_id`,`cycle`);--> statement-breakpoint
CREATE TABLE `relay_members` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`participant_id` integer,
	`position` integer NOT NULL,
	`nickname` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "relay_members_position" CHECK("relay_members"."position" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relay_members_order` ON `relay_members` (`round_id`,`team_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `relay_members_participant` ON `relay_members` (`round_id`,`participant_id`);--> statement-breakpoint
CREATE TABLE `relay_progress` (
	`round_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`cycle` integer NOT NULL,
	`cycle_started_at` integer NOT NULL,
	`deadline` integer NOT NULL,
	`paused_remaining_ms` integer,
	`finished_at` integer,
	`finish_order` integer,
	`version` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "relay_progress_cycle" CHECK("relay_progress"."cycle" >= 1),
	CONSTRAINT "relay_progress_finished" CHECK(("relay_progress"."finished_at" IS NULL) = ("relay_progress"."finish_order" IS NULL) AND ("relay_progress"."finish_order" IS NULL OR "relay_progress"."finish_order" >= 1)),
	CONSTRAINT "relay_progress_paused" CHECK("relay_progress"."paused_remaining_ms" IS NULL OR "relay_progress"."paused_remaining_ms" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `relay_progress_team` ON `relay_progress` (`round_id`,`team_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `relay_progress_finish` ON `relay_progress` (`round_id`,`finish_order`);--> statement-breakpoint
CREATE TABLE `relay_rounds` (
	`round_id` integer PRIMARY KEY NOT NULL,
	`sets` text NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "relay_rounds_sets" CHECK(json_valid("relay_rounds"."sets") AND json_type("relay_rounds"."sets") = 'array')
);

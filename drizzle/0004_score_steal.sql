CREATE TABLE `steal_answers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`position` integer NOT NULL,
	`team_id` integer NOT NULL,
	`participant_id` integer,
	`member_name` text NOT NULL,
	`answer` text NOT NULL,
	`correct` integer NOT NULL,
	`outcome` text NOT NULL,
	`answer_ms` integer NOT NULL,
	`penalty` integer DEFAULT 0 NOT NULL,
	`applied` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "steal_answers_outcome" CHECK("steal_answers"."outcome" IN ('won', 'wrong', 'late_correct', 'late_wrong')),
	CONSTRAINT "steal_answers_ms" CHECK("steal_answers"."answer_ms" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `steal_answers_once` ON `steal_answers` (`round_id`,`position`,`team_id`);--> statement-breakpoint
CREATE TABLE `steal_brackets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`bracket` text NOT NULL,
	`phase` text DEFAULT 'ready' NOT NULL,
	`position` integer,
	`opened_at` integer,
	`deadline_at` integer,
	`paused_remaining_ms` integer,
	`reveal_due_at` integer,
	`revealed_at` integer,
	`winner_team_id` integer,
	`winner_ms` integer,
	`won_at` integer,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`winner_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "steal_brackets_phase" CHECK("steal_brackets"."phase" IN ('ready', 'question_open', 'choosing_target', 'question_closed', 'revealed', 'finished')),
	CONSTRAINT "steal_brackets_winner" CHECK("steal_brackets"."winner_team_id" IS NULL OR ("steal_brackets"."position" IS NOT NULL AND "steal_brackets"."phase" IN ('choosing_target', 'question_closed', 'revealed', 'finished')))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `steal_brackets_once` ON `steal_brackets` (`round_id`,`bracket`);--> statement-breakpoint
CREATE TABLE `steal_questions` (
	`round_id` integer NOT NULL,
	`position` integer NOT NULL,
	`question_id` integer NOT NULL,
	`snapshot` text NOT NULL,
	`opened_at` integer,
	PRIMARY KEY(`round_id`, `position`),
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "steal_questions_position" CHECK("steal_questions"."position" >= 1)
);
--> statement-breakpoint
CREATE TABLE `steal_steals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`position` integer NOT NULL,
	`bracket` text NOT NULL,
	`winner_team_id` integer NOT NULL,
	`target_team_id` integer,
	`points` integer NOT NULL,
	`taken` integer NOT NULL,
	`gained` integer NOT NULL,
	`picked_by` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`winner_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`picked_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "steal_steals_target" CHECK("steal_steals"."target_team_id" IS NULL OR "steal_steals"."target_team_id" <> "steal_steals"."winner_team_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `steal_steals_once` ON `steal_steals` (`round_id`,`position`,`bracket`);
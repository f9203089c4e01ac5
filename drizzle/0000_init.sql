CREATE TABLE `abuse_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`bucket` text NOT NULL,
	`client_key` text NOT NULL,
	`path` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `abuse_events_time` ON `abuse_events` (`created_at`);--> statement-breakpoint
CREATE TABLE `games` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`title` text NOT NULL,
	`class_label` text DEFAULT '' NOT NULL,
	`team_count` integer NOT NULL,
	`max_participants` integer NOT NULL,
	`join_mode` text DEFAULT 'auto' NOT NULL,
	`status` text DEFAULT 'waiting' NOT NULL,
	`locked` integer DEFAULT false NOT NULL,
	`late_join` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`started_at` integer,
	`finished_at` integer,
	CONSTRAINT "games_status" CHECK("games"."status" IN ('waiting', 'started', 'finished')),
	CONSTRAINT "games_join_mode" CHECK("games"."join_mode" IN ('auto', 'choose', 'roster')),
	CONSTRAINT "games_team_count" CHECK("games"."team_count" BETWEEN 2 AND 20),
	CONSTRAINT "games_max_participants" CHECK("games"."max_participants" BETWEEN 1 AND 1000),
	CONSTRAINT "games_code_digits" CHECK("games"."code" GLOB '[0-9][0-9]*' AND length("games"."code") BETWEEN 2 AND 6)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `games_code_open` ON `games` (`code`) WHERE status <> 'finished';--> statement-breakpoint
CREATE TABLE `participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`game_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`nickname` text NOT NULL,
	`nickname_key` text NOT NULL,
	`token_hash` text NOT NULL,
	`joined_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "participants_nickname_length" CHECK(length("participants"."nickname") BETWEEN 1 AND 40)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_game_nickname` ON `participants` (`game_id`,`nickname_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_token` ON `participants` (`token_hash`);--> statement-breakpoint
CREATE INDEX `participants_team` ON `participants` (`team_id`);--> statement-breakpoint
CREATE TABLE `roster_entries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`game_id` integer NOT NULL,
	`player_name` text NOT NULL,
	`name_key` text NOT NULL,
	`team_id` integer NOT NULL,
	`player_number` text,
	`participant_id` integer,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `roster_game_name` ON `roster_entries` (`game_id`,`name_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `roster_participant` ON `roster_entries` (`participant_id`);--> statement-breakpoint
CREATE TABLE `rounds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`game_id` integer NOT NULL,
	`type` text NOT NULL,
	`status` text DEFAULT 'running' NOT NULL,
	`config` text NOT NULL,
	`started_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`ends_at` integer NOT NULL,
	`paused_remaining_ms` integer,
	`finished_at` integer,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "rounds_type" CHECK("rounds"."type" IN ('year_game', 'score_steal', 'relay_quiz')),
	CONSTRAINT "rounds_status" CHECK("rounds"."status" IN ('running', 'paused', 'finished'))
);
--> statement-breakpoint
CREATE INDEX `rounds_game` ON `rounds` (`game_id`);--> statement-breakpoint
CREATE TABLE `score_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`game_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`round_id` integer,
	`participant_id` integer,
	`delta` integer NOT NULL,
	`reason` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `score_events_team` ON `score_events` (`team_id`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `teacher_sessions` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`expires_at` integer NOT NULL,
	CONSTRAINT "teacher_sessions_kind" CHECK("teacher_sessions"."kind" IN ('cookie', 'bearer'))
);
--> statement-breakpoint
CREATE TABLE `teams` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`game_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name` text NOT NULL,
	`bracket` text,
	`score` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`game_id`) REFERENCES `games`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "teams_name_length" CHECK(length("teams"."name") BETWEEN 1 AND 40)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `teams_game_position` ON `teams` (`game_id`,`position`);--> statement-breakpoint
CREATE TABLE `year_attempts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`participant_id` integer,
	`expression` text NOT NULL,
	`value` integer,
	`result` text NOT NULL,
	`reason` text,
	`points` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "year_attempts_result" CHECK("year_attempts"."result" IN ('correct', 'duplicate', 'invalid'))
);
--> statement-breakpoint
CREATE INDEX `year_attempts_round` ON `year_attempts` (`round_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `year_finds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`round_id` integer NOT NULL,
	`team_id` integer NOT NULL,
	`target` integer NOT NULL,
	`participant_id` integer,
	`finder_name` text NOT NULL,
	`expression` text NOT NULL,
	`points` integer NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`round_id`) REFERENCES `rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_id`) REFERENCES `teams`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `year_finds_once` ON `year_finds` (`round_id`,`team_id`,`target`);
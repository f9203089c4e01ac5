CREATE TABLE `images` (
	`sha256` text PRIMARY KEY NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`bytes` blob NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "images_sha256" CHECK(length("images"."sha256") = 64 AND "images"."sha256" NOT GLOB '*[^0-9a-f]*'),
	CONSTRAINT "images_mime" CHECK("images"."mime" IN ('image/png', 'image/jpeg', 'image/webp', 'image/gif')),
	CONSTRAINT "images_size" CHECK("images"."size" = length("images"."bytes") AND "images"."size" BETWEEN 1 AND 5242880)
);
--> statement-breakpoint
CREATE TABLE `questions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category` text NOT NULL,
	`set_name` text,
	`set_order` integer,
	`text` text NOT NULL,
	`image_sha256` text,
	`answer` text,
	`alternatives` text DEFAULT '[]' NOT NULL,
	`points` integer DEFAULT 100 NOT NULL,
	`time_limit_seconds` integer,
	`explanation` text,
	`unit` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`external_id` text,
	`uses_previous` integer DEFAULT false NOT NULL,
	`answer_formula` text,
	`answer_table` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`image_sha256`) REFERENCES `images`(`sha256`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "questions_category" CHECK("questions"."category" IN ('score_steal', 'relay')),
	CONSTRAINT "questions_set" CHECK(CASE WHEN "questions"."category" = 'relay' THEN "questions"."set_name" IS NOT NULL AND "questions"."set_order" IS NOT NULL ELSE "questions"."set_name" IS NULL AND "questions"."set_order" IS NULL END),
	CONSTRAINT "questions_set_name" CHECK("questions"."set_name" IS NULL OR length("questions"."set_name") BETWEEN 1 AND 20),
	CONSTRAINT "questions_set_order" CHECK("questions"."set_order" IS NULL OR "questions"."set_order" >= 1),
	CONSTRAINT "questions_text" CHECK(length("questions"."text") BETWEEN 1 AND 2000),
	CONSTRAINT "questions_answer" CHECK("questions"."answer" IS NULL OR length("questions"."answer") BETWEEN 1 AND 100),
	CONSTRAINT "questions_answer_needed" CHECK("questions"."answer" IS NOT NULL OR "questions"."uses_previous" = 1),
	CONSTRAINT "questions_points" CHECK("questions"."points" BETWEEN 1 AND 10000),
	CONSTRAINT "questions_time_limit" CHECK("questions"."time_limit_seconds" IS NULL OR "questions"."time_limit_seconds" BETWEEN 5 AND 3600),
	CONSTRAINT "questions_explanation" CHECK("questions"."explanation" IS NULL OR length("questions"."explanation") BETWEEN 1 AND 2000),
	CONSTRAINT "questions_unit" CHECK("questions"."unit" IS NULL OR length("questions"."unit") BETWEEN 1 AND 20),
	CONSTRAINT "questions_external_id" CHECK("questions"."external_id" IS NULL OR length("questions"."external_id") BETWEEN 1 AND 100),
	CONSTRAINT "questions_lists" CHECK(json_valid("questions"."alternatives") AND json_type("questions"."alternatives") = 'array' AND json_valid("questions"."tags") AND json_type("questions"."tags") = 'array'),
	CONSTRAINT "questions_table_json" CHECK("questions"."answer_table" IS NULL OR (json_valid("questions"."answer_table") AND json_type("questions"."answer_table") = 'array')),
	CONSTRAINT "questions_uses_previous" CHECK("questions"."uses_previous" = 0 OR ("questions"."category" = 'relay' AND "questions"."set_order" > 1)),
	CONSTRAINT "questions_rule" CHECK(CASE WHEN "questions"."uses_previous" = 1 THEN ("questions"."answer_formula" IS NULL) <> ("questions"."answer_table" IS NULL) ELSE "questions"."answer_formula" IS NULL AND "questions"."answer_table" IS NULL END),
	CONSTRAINT "questions_formula" CHECK("questions"."answer_formula" IS NULL OR length("questions"."answer_formula") BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `questions_set_order` ON `questions` (`set_name`,`set_order`) WHERE category = 'relay';--> statement-breakpoint
CREATE UNIQUE INDEX `questions_external_id` ON `questions` (`external_id`);--> statement-breakpoint
CREATE INDEX `questions_category` ON `questions` (`category`,`set_name`,`set_order`);
ALTER TABLE `relay_progress` ADD `people_version` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Who is in a team's relay and who holds what changes rarely (a hand-over, a member who left the
-- game), its answers often. Live views keep each team's state and re-read its members and holders
-- only when `people_version` moved (src/rounds/relay-quiz/store.ts): these triggers move it (and
-- `version`, which makes views read the team again at all) on every such change, whichever code
-- made it — a member's seat removed sets `participant_id` to NULL through its foreign key.
-- At a round's start the members and holders come before their team's progress row: nothing to
-- bump yet. A latecomer given questions mid-round is a member row inserted then.
-- (These name `relay_progress`: a drizzle-kit rebuild of that table must drop them first and
-- create them again after, as SQLite refuses the rebuild's RENAME while a trigger names it.)
CREATE TRIGGER `relay_holders_people_insert` AFTER INSERT ON `relay_holders`
BEGIN UPDATE `relay_progress` SET `people_version` = `people_version` + 1, `version` = `version` + 1 WHERE `round_id` = NEW.`round_id` AND `team_id` = NEW.`team_id`; END;
--> statement-breakpoint
CREATE TRIGGER `relay_holders_people_update` AFTER UPDATE ON `relay_holders`
BEGIN UPDATE `relay_progress` SET `people_version` = `people_version` + 1, `version` = `version` + 1 WHERE `round_id` = NEW.`round_id` AND `team_id` = NEW.`team_id`; END;
--> statement-breakpoint
CREATE TRIGGER `relay_holders_people_delete` AFTER DELETE ON `relay_holders`
BEGIN UPDATE `relay_progress` SET `people_version` = `people_version` + 1, `version` = `version` + 1 WHERE `round_id` = OLD.`round_id` AND `team_id` = OLD.`team_id`; END;
--> statement-breakpoint
CREATE TRIGGER `relay_members_people_insert` AFTER INSERT ON `relay_members`
BEGIN UPDATE `relay_progress` SET `people_version` = `people_version` + 1, `version` = `version` + 1 WHERE `round_id` = NEW.`round_id` AND `team_id` = NEW.`team_id`; END;
--> statement-breakpoint
CREATE TRIGGER `relay_members_people_update` AFTER UPDATE ON `relay_members`
BEGIN UPDATE `relay_progress` SET `people_version` = `people_version` + 1, `version` = `version` + 1 WHERE `round_id` = NEW.`round_id` AND `team_id` = NEW.`team_id`; END;

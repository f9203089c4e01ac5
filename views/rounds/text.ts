// Text shared by every round type's pages (ko, en).
import { texts } from "../i18n.ts";

export const roundText = texts({
  start_round: { ko: "라운드 시작", en: "Start a round" },
  start_game_first: { ko: "라운드를 시작하려면 먼저 게임을 시작하세요.", en: "Start the game to begin a round." },
  last_round: { ko: "지난 라운드 결과", en: "Last round" },
  started: { ko: "라운드가 시작되었습니다", en: "The round has started" },
  done: { ko: "완료", en: "Done" },
  add_demo: { ko: "문제 은행에 데모 문제 넣기", en: "Add the demo questions to the bank" },
  other_rounds: { ko: "계획에 없는 라운드 시작", en: "Start a round outside the plan" },
});

// "How the day goes" guide text (ko, en).
import type { Lang } from "../../src/errors.ts";
import { texts } from "../i18n.ts";

const TEXT = {
  title: { ko: "행사 날은 이렇게 진행됩니다", en: "How the day goes" },
  intro: { ko: "처음 쓰신다면 한 번 읽어 보세요. 이 안내는 게임 목록 위의 \"진행 안내\" 링크에서 언제든 다시 볼 수 있습니다.", en: "Using TMC for the first time? Read this once. You can open it again any time from the \"How the day goes\" link above the games list." },
  step1_title: { ko: "1. 게임 만들기", en: "1. Create a game" },
  step1: { ko: "게임 목록 아래의 \"새 게임 만들기\"에서 제목, 팀 수, 최대 인원을 정하고 만들기를 누릅니다. 반 명단(CSV)이 있으면 게임 화면에서 가져올 수 있습니다.", en: "Under \"Create a game\" below the games list, set a title, the number of teams and the most players, then press Create. A class roster (CSV) can be imported on the game's page." },
  step2_title: { ko: "2. 학생 참가: QR 코드 찍기", en: "2. Students join: scan the QR code" },
  step2: { ko: "게임 화면의 \"프로젝터 화면\"을 프로젝터에 띄우면 주소, QR 코드, 게임 코드가 크게 나옵니다. 학생은 휴대폰으로 QR을 찍거나 주소를 열고, 게임 코드와 닉네임을 입력합니다. 모두 들어오면 \"참가 막기\"를 누르세요.", en: "Show the game's \"Projector screen\" on the projector: it shows the address, the QR code and the game code in large type. Students scan the QR code or open the address on their phones and type the game code and a nickname. Once everyone is in, press \"Lock joining\"." },
  join_here: { ko: "학생 접속 주소:", en: "Students open:" },
  step3_title: { ko: "3. 라운드 진행", en: "3. Play the rounds" },
  step3: { ko: "\"게임 시작\"을 누르고 라운드를 고릅니다. 라운드 동안 학생 휴대폰에 문제가 나오고 프로젝터에는 점수판이 실시간으로 바뀝니다. 일시 정지, 시간 연장, 끝내기는 게임 화면에서 합니다.", en: "Press \"Start game\" and choose a round. During a round the phones show the task and the projector's scoreboard updates live. Pause, add time or end the round from the game's page." },
  step4_title: { ko: "4. 결과", en: "4. Results" },
  step4: { ko: "라운드가 끝나면 결과가 프로젝터와 휴대폰에 나옵니다. 모든 라운드를 마치면 \"게임 끝내기\"를 누르세요. 최종 순위가 남고 게임은 목록에 \"끝남\"으로 보관됩니다.", en: "When a round ends, its results show on the projector and the phones. After the last round press \"Finish game\": the final standings stay and the game is kept in the list as Finished." },
  step5_title: { ko: "5. 백업", en: "5. Back up" },
  step5: { ko: "행사가 끝나면 설정 페이지 → \"백업 내려받기\"로 기록을 저장하세요. 터미널에서는 tmc backup <파일이름> 으로도 됩니다. 기록은 프로그램 옆 tmc-data 폴더에 있습니다 (시작할 때 창에 위치가 나옵니다).", en: "After the event, save everything with the settings page → \"Download backup\". From a terminal, tmc backup <file> does the same. The games live in the tmc-data folder beside the program (the window shows where at start-up)." },
  tip: { ko: "노트북은 학생과 같은 와이파이에 연결하고, 행사 동안 TMC 창을 닫지 마세요. 학생이 접속하지 못하면 방화벽에서 TMC를 허용하세요.", en: "Keep the laptop on the students' Wi-Fi and keep the TMC window open during the event. If students cannot connect, allow TMC in the firewall." },
  dismiss: { ko: "알겠습니다 — 다음부터 보지 않기", en: "Got it — don't show this again" },
  later: { ko: "게임 목록으로", en: "Go to the games" },
  dismissed_note: { ko: "이 안내는 로그인할 때 더 이상 열리지 않습니다.", en: "This guide no longer opens when you log in." },
  link: { ko: "진행 안내", en: "How the day goes" },
} as const;

type GuideKey = keyof typeof TEXT;

export const gt = texts(TEXT);


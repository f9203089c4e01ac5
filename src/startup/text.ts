// What the console says to the teacher at start-up, in Korean and English. There is no request
// to take a language from here, so the OS locale decides which comes first; the other follows on
// the next line (a Korean teacher on an English Windows still reads the Korean).
import type { Lang } from "../errors.ts";

type Vars = Record<string, string | number>;

const TEXT = {
  cannot_start: {
    ko: "TMC를 시작할 수 없습니다.",
    en: "TMC could not start.",
  },
  port_exhausted: {
    ko: "포트 {from}–{to}를 모두 다른 프로그램이 쓰고 있습니다. 다른 TMC 창이 열려 있으면 그 창을 쓰거나 닫으세요. 아니면 --port 로 다른 포트를 지정하세요 (예: --port 8080).",
    en: "Ports {from}–{to} are all in use by other programs. If another TMC window is open, use it or close it; otherwise choose another port with --port (e.g. --port 8080).",
  },
  port_not_allowed: {
    ko: "포트 {port}를 열 수 없습니다 ({reason}). --port 로 1024보다 큰 다른 포트를 지정하세요 (예: --port 8080).",
    en: "Port {port} cannot be opened ({reason}). Choose another port above 1024 with --port (e.g. --port 8080).",
  },
  data_explicit_not_writable: {
    ko: "지정한 데이터 폴더에 쓸 수 없습니다: {dir} ({reason}). 쓸 수 있는 폴더를 --data 또는 TMC_DATA 로 지정하세요.",
    en: "The data folder you chose cannot be written to: {dir} ({reason}). Choose a folder you can write to with --data or TMC_DATA.",
  },
  data_none_writable: {
    ko: "게임 기록을 저장할 폴더가 없습니다. 시도한 폴더: {tried}. TMC를 문서 폴더나 바탕 화면으로 옮기거나, --data 로 쓸 수 있는 폴더를 지정하세요.",
    en: "There is no folder TMC can save its games in. Tried: {tried}. Move TMC to your Documents folder or the desktop, or choose a folder you can write to with --data.",
  },
  already_running: {
    ko: "이 데이터 폴더를 다른 프로그램이 쓰고 있습니다 — TMC가 이미 실행 중인가요? ({dir}) 이미 열린 TMC 창을 쓰거나 그 창을 닫은 뒤 다시 시작하세요. 두 개를 함께 실행하려면 --data 로 다른 폴더를 지정하세요.",
    en: "The data folder is in use by another program — is TMC already running? ({dir}) Use the TMC window that is already open, or close it and start again. To run two at once, give this one another folder with --data.",
  },
  newer_database: {
    ko: "이 데이터는 더 새로운 버전의 TMC가 만든 것입니다 ({dir}). 그 버전의 TMC를 쓰거나 --data 로 새 폴더를 지정하세요.",
    en: "This data was written by a newer version of TMC ({dir}). Use that version, or start with a fresh folder given by --data.",
  },
  unexpected: {
    ko: "예상하지 못한 오류: {message}",
    en: "Unexpected error: {message}",
  },
  press_enter: {
    ko: "Enter 키를 누르면 이 창이 닫힙니다.",
    en: "Press Enter to close this window.",
  },
  data_folder: {
    ko: "데이터 폴더 (Data folder): {dir}",
    en: "Data folder (데이터 폴더): {dir}",
  },
  fallback_not_writable: {
    ko: "실행 파일 옆 폴더({from})에 쓸 수 없어서 게임 기록을 사용자 폴더에 저장합니다: {dir}",
    en: "The folder beside the program ({from}) cannot be written to, so games are saved in your user folder instead: {dir}",
  },
  fallback_translocated: {
    ko: "macOS가 TMC를 임시 위치에서 실행하고 있어서 게임 기록을 사용자 폴더에 저장합니다: {dir} (TMC를 응용 프로그램 폴더로 옮기면 다음부터는 옆 폴더를 씁니다.)",
    en: "macOS is running TMC from a temporary location, so games are saved in your user folder instead: {dir} (Move TMC to the Applications folder to keep them beside it.)",
  },
  fallback_inside_zip: {
    ko: "TMC가 압축(zip) 파일 안에서 실행되고 있어서 게임 기록을 사용자 폴더에 저장합니다: {dir} (zip을 먼저 풀면 다음부터는 옆 폴더를 씁니다.)",
    en: "TMC is running from inside a zip file, so games are saved in your user folder instead: {dir} (Extract the zip first to keep them beside TMC.)",
  },
  no_lan: {
    ko: "이 노트북이 네트워크에 연결되어 있지 않습니다. 학생들이 아직 접속할 수 없습니다. 학교 와이파이나 랜선에 연결하면 게임 화면에 학생 접속 주소가 나옵니다. (이 컴퓨터에서만: http://localhost:{port})",
    en: "This laptop is not connected to a network, so students cannot connect yet. Connect it to the school Wi-Fi or a network cable; the game page then shows the address students open. (On this computer only: http://localhost:{port})",
  },
  firewall_win32: {
    ko: "방화벽: Windows가 TMC의 네트워크 사용을 물으면 \"허용\"을 누르세요 (개인 네트워크). 학생이 접속하지 못하면 같은 와이파이인지 확인하고, Windows 보안 → 방화벽 → \"앱이 방화벽을 통과하도록 허용\"에서 TMC를 허용하세요.",
    en: "Firewall: when Windows asks whether TMC may use the network, click Allow (private networks). If students cannot connect, check they are on the same Wi-Fi, then allow TMC in Windows Security → Firewall → \"Allow an app through firewall\".",
  },
  firewall_darwin: {
    ko: "방화벽: macOS가 TMC의 연결 수신을 허용할지 물으면 \"허용\"을 누르세요. 학생이 접속하지 못하면 같은 와이파이인지 확인하고, 시스템 설정 → 네트워크 → 방화벽 → 옵션에서 tmc를 허용하세요.",
    en: "Firewall: when macOS asks whether TMC may accept incoming connections, click Allow. If students cannot connect, check they are on the same Wi-Fi, then allow tmc in System Settings → Network → Firewall → Options.",
  },
  password_hint: {
    ko: "한 번만 보여 줍니다. 적어 두세요. 직접 정하려면 TMC_ADMIN_PASSWORD 환경 변수를 쓰세요 (--admin-password 는 이 컴퓨터의 다른 사용자가 프로세스 목록에서 볼 수 있습니다).",
    en: "Shown once: write it down. To choose your own, set TMC_ADMIN_PASSWORD (safer than --admin-password, which other users of this computer can see in the process list).",
  },
  opening_browser: {
    ko: "교사 화면을 브라우저로 엽니다… (열리지 않으면 위 주소를 직접 여세요. 끄려면 --no-open)",
    en: "Opening the teacher's page in your browser… (if it does not open, type the address above; --no-open turns this off)",
  },
} as const satisfies Record<string, Record<Lang, string>>;

export type StartupTextKey = keyof typeof TEXT;

/** The teacher's language from the OS locale (LC_ALL, LC_MESSAGES, LANG); Korean unless it says English. */
export function consoleLang(env: Record<string, string | undefined>): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return /^en/i.test(locale) ? "en" : "ko";
}

export function startupText(key: StartupTextKey, lang: Lang, vars: Vars = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m));
}

/** The teacher's language first, the other on the next line. */
export function bilingual(key: StartupTextKey, lang: Lang, vars: Vars = {}): string {
  const other: Lang = lang === "ko" ? "en" : "ko";
  return `${startupText(key, lang, vars)}\n${startupText(key, other, vars)}`;
}

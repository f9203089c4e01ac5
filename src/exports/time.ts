// Times in exports are the server's local wall-clock time — the teacher's laptop is in the
// classroom, so that is the time of the event — without a zone (spreadsheets have none).

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/** `YYYY-MM-DD HH:MM:SS`, which Excel reads as a date and time. */
export function localDateTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/**
 * A Date whose UTC fields are the local wall-clock time: spreadsheet libraries write a Date's
 * UTC time, and the sheet should show the time as it was in the classroom.
 */
export function wallClockDate(ms: number): Date {
  return new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
}

/** `YYYY-MM-DD`, for file names. */
export function localDate(ms: number): string {
  return localDateTime(ms).slice(0, 10);
}

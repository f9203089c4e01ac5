// Text files from teachers: UTF-8 with or without a BOM, or — what Korean Excel saves as "CSV"
// by default — CP949 (a superset of EUC-KR). Valid UTF-8 is tried first and strictly: CP949
// Hangul bytes are almost never valid UTF-8, while the reverse guess would garble every file.
// WHATWG's "euc-kr" decoder (Bun's TextDecoder) is in fact CP949, so extended syllables decode.

export type DecodedText = { text: string; encoding: "utf-8" | "cp949" };

export function decodeText(bytes: Uint8Array): DecodedText {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("euc-kr").decode(bytes), encoding: "cp949" };
  }
}

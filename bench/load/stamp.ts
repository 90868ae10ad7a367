/**
 * An edit that carries its own send time: the typist inserts a short token
 * "<typist>.<µs since the run's epoch> " (both base 36) at the end of the
 * document's text, so every receiving client can tell who sent it and when,
 * whatever server or provider carried it. Tokens are appended and never split,
 * so every inserted string a receiver sees is a whole number of tokens.
 */

export function stamp(typist: number, timeUs: number): string {
  return `${typist.toString(36)}.${Math.round(timeUs).toString(36)} `;
}

/** Calls `onStamp` for each token in an inserted string; ignores anything that is not a token. */
export function readStamps(inserted: string, onStamp: (typist: number, timeUs: number) => void): void {
  let start = 0;
  while (start < inserted.length) {
    let end = inserted.indexOf(' ', start);
    if (end < 0) end = inserted.length;
    const dot = inserted.indexOf('.', start);
    if (dot > start && dot < end) {
      const typist = parseInt(inserted.slice(start, dot), 36);
      const timeUs = parseInt(inserted.slice(dot + 1, end), 36);
      if (Number.isFinite(typist) && Number.isFinite(timeUs)) onStamp(typist, timeUs);
    }
    start = end + 1;
  }
}

/**
 * A member's colour, derived from their id so every browser shows the same one.
 * White caret-label text must stay readable on it (WCAG AA, 4.5:1), so the
 * lightness is lowered until that holds. Output is `#rrggbb`: the caret plugin
 * treats any other format as invisible.
 */

function hash(text: string): number {
  // FNV-1a, 32 bit: tiny, stable across browsers, spreads short ids well.
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function hslToRgb(hue: number, saturation: number, lightness: number): [number, number, number] {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number): number => {
    const k = (n + hue / 30) % 12;
    return Math.round(255 * (lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [channel(0), channel(8), channel(4)];
}

function relativeLuminance([r, g, b]: [number, number, number]): number {
  const linear = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** Contrast ratio of white text on this colour. */
export function contrastWithWhite(rgb: [number, number, number]): number {
  return 1.05 / (relativeLuminance(rgb) + 0.05);
}

const toHex = (value: number): string => value.toString(16).padStart(2, '0');

export function memberColor(memberId: string): string {
  const hue = hash(memberId) % 360;
  let lightness = 0.42;
  let rgb = hslToRgb(hue, 0.7, lightness);
  while (contrastWithWhite(rgb) < 4.6 && lightness > 0.1) {
    lightness -= 0.02;
    rgb = hslToRgb(hue, 0.7, lightness);
  }
  return '#' + rgb.map(toHex).join('');
}

/** For states without a server-stamped member (should not happen behind our server). */
export const UNKNOWN_MEMBER_COLOR = '#595959';

/**
 * What an import could not take over. Every converter counts what it leaves
 * out, so the person is told ("2 afbeeldingen zijn niet overgenomen") instead
 * of finding out later that something is missing.
 */
export const SKIPPED_KINDS = ['image', 'comment', 'footnote', 'html', 'other'] as const;
export type SkippedKind = (typeof SKIPPED_KINDS)[number];
export type SkippedContent = Record<SkippedKind, number>;

export function noSkippedContent(): SkippedContent {
  return { image: 0, comment: 0, footnote: 0, html: 0, other: 0 };
}

export function addSkipped(into: SkippedContent, from: Partial<SkippedContent>): SkippedContent {
  for (const kind of SKIPPED_KINDS) into[kind] += from[kind] ?? 0;
  return into;
}

export function anythingSkipped(skipped: SkippedContent): boolean {
  return SKIPPED_KINDS.some((kind) => skipped[kind] > 0);
}

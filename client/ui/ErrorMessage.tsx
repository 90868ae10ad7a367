/** An error people must notice: announced at once by screen readers. */
export function ErrorMessage({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <p className="message message--error" role="alert">
      {text}
    </p>
  );
}

import type { ReactNode } from 'react';
import { Link } from 'wouter';

interface MessagePageProps {
  title: string;
  body: string;
  linkLabel: string;
  linkTo?: string;
  children?: ReactNode;
}

/** A whole page that explains one situation (no access, not found) and offers a way on. */
export function MessagePage({ title, body, linkLabel, linkTo = '/', children }: MessagePageProps) {
  return (
    <section className="panel panel--message" aria-labelledby="message-title">
      <h1 id="message-title">{title}</h1>
      <p>{body}</p>
      {children}
      <p>
        <Link href={linkTo} className="button button--secondary">
          {linkLabel}
        </Link>
      </p>
    </section>
  );
}

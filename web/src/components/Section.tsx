import type { ReactNode } from 'react';

interface SectionProps {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}

/** A titled group of a page, such as the seed document's "Orders" or "Inventory" settings. */
export function Section({ title, description, actions, children }: SectionProps) {
  return (
    <section className="section" aria-label={title}>
      <header className="section-head">
        <div>
          <h2>{title}</h2>
          {description ? <p className="muted">{description}</p> : null}
        </div>
        {actions ? <div className="actions">{actions}</div> : null}
      </header>
      <div className="section-body">{children}</div>
    </section>
  );
}

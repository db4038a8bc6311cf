import { createElement, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import { slugify } from '../../core/content/markdown';
import { useApp } from '../app/AppContext';
import { GlossaryRef } from './GlossaryRef';

/**
 * Pack text rendered as React elements. Raw HTML is dropped (skipHtml), links
 * leave the app only as visible text, images come only from the pack, and
 * headings get the anchors the table of contents uses.
 */
export function Markdown({ text }: { text: string }): ReactNode {
  const { info, pack } = useApp();
  const used = new Map<string, number>();
  const heading =
    (tag: 'h2' | 'h3') =>
    ({ children }: { children?: ReactNode }): ReactNode => {
      const base = slugify(plainText(children));
      const n = used.get(base) ?? 0;
      used.set(base, n + 1);
      return createElement(tag, { id: n === 0 ? base : `${base}-${n + 1}`, tabIndex: -1 }, children);
    };
  const components: Components = {
    h1: heading('h2'),
    h2: heading('h2'),
    h3: heading('h3'),
    a: ({ href, children }) =>
      href?.startsWith('#/glossary/') ? (
        <GlossaryRef termId={decodeURIComponent(href.slice('#/glossary/'.length))}>{children}</GlossaryRef>
      ) : href?.startsWith('#/') ? (
        <a href={href}>{children}</a>
      ) : (
        <span className="external-ref">
          {children}
          {href && plainText(children) !== href ? <span dir="ltr"> ({href})</span> : null}
        </span>
      ),
    // Only the pack's own media/ files are shown; the build has checked they exist.
    img: ({ src, alt }) =>
      typeof src === 'string' && /^media\/[A-Za-z0-9_][A-Za-z0-9._/-]*$/.test(src) && !src.includes('..') && pack ? (
        <img src={`${info.packBaseUrl}${pack.index.id}/${src}`} alt={alt ?? ''} loading="lazy" />
      ) : null,
  };
  return (
    <div className="prose">
      <ReactMarkdown skipHtml components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}

function plainText(node: ReactNode): string {
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(plainText).join('');
  if (node && typeof node === 'object' && 'props' in node) return plainText((node.props as { children?: ReactNode }).children);
  return '';
}

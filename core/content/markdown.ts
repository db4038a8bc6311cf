/** Plain-text helpers over Markdown sources, shared by the compiler and the reader. */

export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly slug: string;
}

/** A stable, script-agnostic anchor: letters and digits of any script kept, the rest dashed. */
export function slugify(text: string): string {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '') || 'section'
  );
}

const FENCE = /^(```|~~~)/;

/** ATX headings of level 2 and 3 outside code fences, with slugs made unique in order of appearance. */
export function extractHeadings(markdown: string): Heading[] {
  const out: Heading[] = [];
  const used = new Map<string, number>();
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line.trim())) inFence = !inFence;
    if (inFence) continue;
    const match = /^(#{2,3})\s+(.+?)\s*#*\s*$/.exec(line);
    if (!match?.[1] || !match[2]) continue;
    const base = slugify(match[2]);
    const n = used.get(base) ?? 0;
    used.set(base, n + 1);
    out.push({ level: match[1].length, text: match[2], slug: n === 0 ? base : `${base}-${n + 1}` });
  }
  return out;
}

export interface SourceSection {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  /** 1-based line of the heading in the source, for error messages. */
  readonly line: number;
}

const SECTION_HEADING = /^##\s+(.+?)\s*\{#([a-z0-9][a-z0-9-]*)\}\s*$/;

/**
 * Splits a module's Markdown at level-2 headings written `## Title {#stable-id}`.
 * Text before the first heading is returned as `preamble`.
 */
export function splitSections(markdown: string): { preamble: string; sections: SourceSection[]; untagged: number[] } {
  const lines = markdown.split(/\r?\n/);
  const sections: SourceSection[] = [];
  const untagged: number[] = [];
  const preamble: string[] = [];
  let current: { id: string; title: string; line: number; body: string[] } | null = null;
  let inFence = false;
  lines.forEach((line, i) => {
    if (FENCE.test(line.trim())) inFence = !inFence;
    const match = inFence ? null : SECTION_HEADING.exec(line);
    if (match?.[1] && match[2]) {
      if (current) sections.push({ id: current.id, title: current.title, line: current.line, body: current.body.join('\n').trim() });
      current = { id: match[2], title: match[1], line: i + 1, body: [] };
      return;
    }
    if (!inFence && /^##\s/.test(line)) untagged.push(i + 1);
    (current ? current.body : preamble).push(line);
  });
  if (current) {
    const last: { id: string; title: string; line: number; body: string[] } = current;
    sections.push({ id: last.id, title: last.title, line: last.line, body: last.body.join('\n').trim() });
  }
  return { preamble: preamble.join('\n').trim(), sections, untagged };
}

/** Markdown reduced to the words a reader sees, for search and snippets. */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
    .replace(/(\*\*|__|\*|_|`)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A Markdown text cut at its level-2 and level-3 headings; text before the first heading has slug ''. */
export function splitAtHeadings(markdown: string): { slug: string; title: string; body: string }[] {
  const headings = extractHeadings(markdown);
  const parts: { slug: string; title: string; body: string }[] = [];
  let current = { slug: '', title: '', lines: [] as string[] };
  let next = 0;
  let inFence = false;
  for (const line of markdown.split(/\r?\n/)) {
    if (FENCE.test(line.trim())) inFence = !inFence;
    const heading = headings[next];
    if (!inFence && heading && /^#{2,3}\s/.test(line)) {
      parts.push({ slug: current.slug, title: current.title, body: current.lines.join('\n') });
      current = { slug: heading.slug, title: heading.text, lines: [] };
      next++;
      continue;
    }
    current.lines.push(line);
  }
  parts.push({ slug: current.slug, title: current.title, body: current.lines.join('\n') });
  return parts.filter((p) => p.body.trim() || p.title);
}

/** Text placed in the hub's HTML pages: every value that is not the page's own markup goes through here. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Treatment Markdown → HTML that cannot run script: raw HTML in the source is shown as text, and
 * links/images only keep http(s), mailto, relative and in-page targets.
 */
import { Marked } from "marked";

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

function safeHref(href: string): boolean {
  const h = href.trim().toLowerCase();
  if (h.startsWith("#") || h.startsWith("/") || h.startsWith("./") || h.startsWith("../")) return !h.startsWith("//");
  return /^(https?:|mailto:)/.test(h) || !/^[a-z][a-z0-9+.-]*:/.test(h);
}

const md = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html: ({ text }) => escapeHtml(text),
    link(token) {
      return safeHref(token.href) ? false : escapeHtml(token.text);
    },
    image(token) {
      return safeHref(token.href) && !token.href.trim().toLowerCase().startsWith("mailto:") ? false : escapeHtml(token.text);
    },
  },
});

/** Render trusted-structure, untrusted-content Markdown to an HTML string. */
export function renderMarkdown(src: string): string {
  return md.parse(src, { async: false });
}

import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown (treatment text)", () => {
  it("renders ordinary Markdown", () => {
    const html = renderMarkdown("## Consent\n\nThis is **bold** and `code`.\n\n- a\n- b");
    expect(html).toContain("<h2");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain("<code>code</code>");
    expect(html).toContain("<li>a</li>");
  });

  it("shows raw HTML as text instead of running it", () => {
    const html = renderMarkdown('Hi <script>alert(1)</script> <img src=x onerror="alert(2)">\n\n<div onclick="x()">block</div>');
    expect(html).not.toMatch(/<script|<img|<div/i);
    expect(html).toContain("&lt;script&gt;");
  });

  it("drops javascript: and data: links but keeps web links", () => {
    const html = renderMarkdown("[bad](javascript:alert(1)) [data](data:text/html,x) [ok](https://example.org/a) [rel](/join)");
    expect(html).not.toMatch(/javascript:|data:text/i);
    expect(html).toContain('href="https://example.org/a"');
    expect(html).toContain('href="/join"');
    expect(html).toContain("bad");
  });

  it("keeps image alt text for unsafe image sources", () => {
    const html = renderMarkdown("![alt text](javascript:alert(1))");
    expect(html).not.toContain("<img");
    expect(html).toContain("alt text");
  });
});

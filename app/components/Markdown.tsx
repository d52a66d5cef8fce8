"use client";
import { useMemo } from "react";
import { renderMarkdown } from "../lib-client/markdown";

/** Treatment text (consent, instructions) rendered from Markdown; raw HTML is shown as text. */
export function Markdown({ source, className }: { source: string; className?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div className={`markdown ${className ?? ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
}

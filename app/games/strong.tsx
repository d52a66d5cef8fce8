import type { ReactNode } from "react";

/** Rich-text tags the catalogues may use in game messages: `<strong>…</strong>` and `<b>…</b>`. */
export const richTags = {
  strong: (chunks: ReactNode) => <strong>{chunks}</strong>,
  b: (chunks: ReactNode) => <b>{chunks}</b>,
};

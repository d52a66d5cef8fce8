"use client";
/**
 * A text field's value that survives a page reload (sessionStorage, this tab only), so nothing a
 * participant typed is lost when they reload or the connection drops.
 */
import { useCallback, useState } from "react";

function read(key: string): string | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage.getItem(key);
  } catch {
    return null;
  }
}

export function useDraft(key: string, initial: string): [string, (v: string) => void] {
  const [value, setValue] = useState(() => read(key) ?? initial);
  const set = useCallback(
    (v: string) => {
      setValue(v);
      try {
        window.sessionStorage.setItem(key, v);
      } catch {
        /* storage may be disabled (private mode): the value still lives in memory */
      }
    },
    [key],
  );
  return [value, set];
}

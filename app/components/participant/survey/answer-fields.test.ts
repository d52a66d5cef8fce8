/**
 * A survey text field's count line as a participant reads it (English and German catalogues): characters
 * left, and, when the field takes no more though characters are left (stacked accents fill its UTF-16
 * bound), what to do instead of a count that makes no sense.
 */
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { IntlProvider } from "use-intl";
import { describe, expect, it } from "vitest";
import { catalogues } from "@/lib/i18n/catalogues";
import type { Locale } from "@/lib/i18n/locales";
import { Survey, type SurveyQuestion } from "@/lib/survey/questions";
import { MAX_UNITS_PER_CHARACTER } from "@/lib/survey/text-length";
import { TextAnswer } from "./answer-fields";

const q = Survey.parse([{ id: "c", type: "text", prompt: "Comments", required: false, maxLength: 5 }])[0] as Extract<SurveyQuestion, { type: "text" }>;

function countLine(value: string, locale: Locale = "en"): string {
  const html = renderToStaticMarkup(
    createElement(IntlProvider, { locale, messages: catalogues[locale], timeZone: "UTC", children: createElement(TextAnswer, { q, value, onChange: () => {}, describedBy: "h", invalid: false }) }),
  );
  return /<div id="survey-count-c"[^>]*>([^<]*)<\/div>/.exec(html)![1]!;
}

describe("a survey text field's count line", () => {
  it("counts characters as drawn", () => {
    expect(countLine("ab")).toBe("3 characters left");
    expect(countLine("😀😀😀😀")).toBe("1 character left");
  });

  it("says what to do when stacked accents fill the field before its characters do", () => {
    const stacked = "a" + "\u0301".repeat(5 * MAX_UNITS_PER_CHARACTER - 1); // one character, the field's whole bound
    expect(countLine(stacked)).toBe("Nothing more fits: your answer uses many accents or combined symbols. Remove some of them to write more.");
    expect(countLine(stacked, "de")).toMatch(/^Mehr passt nicht hinein: .*Akzente/);
    expect(countLine(stacked.slice(0, -1))).toBe("4 characters left"); // one unit left: it still takes input
  });
});

"use client";
import { useTranslations } from "use-intl";
import type { ExternalityMessage } from "@/lib/mechanisms/ids/externality";
import { ResultsTable, type ResultsColumn } from "../../components/kit/ResultsTable";

interface Row {
  label: string;
  x: readonly number[];
  /** null on the last row (the investments x̂ have no price). */
  pi: readonly number[] | null;
}

/** Everyone's messages (rows: senders) and, last, the resulting investments x̂ (eq. 10). */
export function MessagesTable({ title, messages, x, me, testId }: { title: string; messages: readonly ExternalityMessage[]; x: readonly number[]; me: number; testId: string }) {
  const t = useTranslations("externality");
  const ids = useTranslations("ids");
  const rows: Row[] = [
    ...messages.map((m, i) => ({ label: i === me ? ids("userYou", { user: i + 1 }) : ids("user", { user: i + 1 }), x: m.x, pi: m.pi })),
    { label: t("averageRow"), x, pi: null },
  ];
  const columns: ResultsColumn<Row>[] = [
    ...x.map((_, j) => ({ title: t("xFor", { user: j + 1 }), value: (r: Row) => r.x[j] ?? null, digits: 3 })),
    ...x.map((_, j) => ({ title: t("piFor", { user: j + 1 }), value: (r: Row) => r.pi?.[j] ?? null, digits: 3 })),
  ];
  return <ResultsTable title={title} rows={rows} label={(r) => r.label} columns={columns} testId={testId} />;
}

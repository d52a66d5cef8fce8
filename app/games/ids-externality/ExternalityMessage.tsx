"use client";
/** The message form: proposed investments and prices for every user, prefilled with the last message, with a live preview. */
import type { ExternalityView } from "@/lib/games/ids-externality/views";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { GameUiProps } from "../types";
import { TypeCard } from "../ids-pivotal/TypeCard";
import { MessagesTable } from "./MessagesTable";
import { TaxTerms } from "./TaxTerms";
import { draftOf, previewMessage, readMessage, type MessageDraft } from "./preview";

function parseDraft(raw: string, v: ExternalityView): MessageDraft {
  try {
    const d = JSON.parse(raw) as MessageDraft;
    if (Array.isArray(d.x) && Array.isArray(d.pi) && d.x.length === v.n && d.pi.length === v.n) return d;
  } catch {
    /* fall through */
  }
  return draftOf(v.prefill);
}

export function ExternalityMessageForm({ v, props }: { v: ExternalityView; props: GameUiProps }) {
  const { play, view, act, locked } = props;
  const [raw, setRaw] = useDraft(`mechlab:ids-externality:${view.participantId}:r${play.round}:message`, JSON.stringify(draftOf(v.prefill)));
  const { send, busy, error } = useIntent(act);
  const draft = parseDraft(raw, v);
  const me = v.me.index;
  const others = v.me.weights.map((weight, member) => ({ member, weight })).filter((o) => o.member !== me);
  const type = <TypeCard me={{ index: me, alpha: v.me.alpha, c: v.me.c, q: v.me.q, ownWeight: v.me.ownWeight, others }} />;
  const previous = (
    <section className="card">
      <h3 style={{ marginTop: 0 }}>{v.previous.round ? `Messages of round ${v.previous.round}` : "Starting messages"}</h3>
      <MessagesTable messages={v.previous.messages} x={v.previous.x} me={me} testId="previous-messages" />
      <p className="small muted">
        {v.previous.round ? "Your tax then" : "Your tax with these messages"}: {fmt(v.previous.myTerms.tax, 3)}; your total cost incl. tax: {fmt(v.previous.myNetCost, 3)}.
      </p>
    </section>
  );

  if (v.myMessage) {
    return (
      <div>
        <p className="ok-box" role="status" data-testid="message-done">
          Your message is sent. {play.pendingCount > 0 ? `Waiting for ${play.pendingCount} other${play.pendingCount === 1 ? "" : "s"}…` : "Computing…"}
        </p>
        {previous}
        {type}
      </div>
    );
  }

  const read = readMessage(v, draft);
  const preview = read.ok ? previewMessage(v, v.previous.messages, read.message) : null;
  const set = (row: "x" | "pi", j: number, text: string) => {
    const next = { x: draft.x.slice(), pi: draft.pi.slice() };
    next[row][j] = text;
    setRaw(JSON.stringify(next));
  };
  const submit = async () => {
    if (!read.ok) return;
    await send(`r${play.round}:message:${JSON.stringify(read.message)}`, { type: "message", ...read.message });
  };
  const localError = read.ok ? null : read;
  const invalid = (field: string) => localError?.field === field || error?.field === field;
  return (
    <div>
      {type}
      {previous}
      <section className="card">
        <h3 style={{ marginTop: 0 }}>Your message</h3>
        <p className="small muted" style={{ marginTop: 0 }}>
          Investments between 0 and {fmt(v.rules.xMax)}, prices between 0 and {fmt(v.rules.piMax)}. Filled in with your last message.
        </p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th>For user</th>
                <th>Proposed investment</th>
                <th>Price π</th>
              </tr>
            </thead>
            <tbody>
              {draft.x.map((_, j) => (
                <tr key={j}>
                  <td>
                    {j + 1}
                    {j === me ? " (you)" : ""}
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      aria-label={`Proposed investment for user ${j + 1}`}
                      data-testid={`msg-x-${j}`}
                      value={draft.x[j]}
                      onChange={(e) => set("x", j, e.target.value)}
                      aria-invalid={invalid(`x[${j}]`)}
                      aria-describedby="message-msg"
                    />
                  </td>
                  <td>
                    <input
                      type="text"
                      inputMode="decimal"
                      autoComplete="off"
                      aria-label={`Price for user ${j + 1}`}
                      data-testid={`msg-pi-${j}`}
                      value={draft.pi[j]}
                      onChange={(e) => set("pi", j, e.target.value)}
                      aria-invalid={invalid(`pi[${j}]`)}
                      aria-describedby="message-msg"
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div data-testid="message-preview" className="small" aria-live="polite">
          {preview ? (
            <>
              <p style={{ margin: "8px 0 4px" }}>If the others send the same messages as last time:</p>
              <p style={{ margin: "0 0 4px" }}>
                Investments: {preview.x.map((x, j) => `user ${j + 1}: ${fmt(x, 3)}`).join(", ")}
              </p>
              <TaxTerms t={preview.terms} prefix="preview" />
              <dl className="kv">
                <dt>Your risk + investment cost</dt>
                <dd>{fmt(preview.cost, 3)}</dd>
                <dt>Your points</dt>
                <dd data-testid="preview-points">{fmt(preview.points, 1)}</dd>
              </dl>
            </>
          ) : (
            <p className="muted">Fill in every number to see the outcome.</p>
          )}
        </div>
        <div id="message-msg">
          {(localError || error) && (
            <p className="error" role="alert" data-testid="message-error">
              {localError ? localError.message : error?.message}
            </p>
          )}
        </div>
        <div className="row">
          <button type="button" data-testid="message-submit" onClick={submit} disabled={busy || locked || !read.ok}>
            {busy ? "Sending…" : "Send my message"}
          </button>
          <button type="button" className="secondary" data-testid="message-reset" onClick={() => setRaw(JSON.stringify(draftOf(v.prefill)))} disabled={busy || locked}>
            Back to my last message
          </button>
        </div>
      </section>
    </div>
  );
}

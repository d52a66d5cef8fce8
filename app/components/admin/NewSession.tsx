"use client";
/**
 * Create a session: pick a shipped example treatment, or paste / upload treatment JSON; "Validate"
 * shows the server's field-by-field errors (or a summary); "Create" opens the new session's monitor.
 */
import { useRouter } from "next/navigation";
import { groupsOf, withGroups } from "./treatment-groups";
import { useEffect, useState, type ChangeEvent } from "react";
import { api } from "../../lib-client/api";

interface Example {
  file: string;
  name: string;
  game: string;
  description: string;
  treatment: Record<string, unknown>;
}
import type { LaunchCheck } from "@/lib/study/launch-check";
import { LaunchCheckFigures } from "./LaunchCheckFigures";
import { LaunchCheckView } from "./LaunchCheckView";

interface Summary {
  game: string;
  seats: number;
  groups: number;
  groupSize: number;
  rounds: number;
}

export function NewSession() {
  const router = useRouter();
  const [examples, setExamples] = useState<Example[]>([]);
  const [chosen, setChosen] = useState("");
  const [text, setText] = useState("");
  const [seed, setSeed] = useState("");
  const [errors, setErrors] = useState<string[]>([]);
  const [summary, setSummary] = useState<Summary | null>(null);
  const [check, setCheck] = useState<LaunchCheck | null>(null);
  const [busy, setBusy] = useState<"validate" | "create" | null>(null);
  /** The last "Validate" of this text found problems: creating would only show them again. */
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    void api<Example[]>("GET", "/api/treatments").then((r) => r.ok && setExamples(r.body));
  }, []);

  const edit = (t: string) => {
    setText(t);
    setErrors([]);
    setSummary(null);
    setCheck(null);
    setInvalid(false);
  };

  const choose = (file: string) => {
    setChosen(file);
    const ex = examples.find((e) => e.file === file);
    if (ex) edit(JSON.stringify(ex.treatment, null, 2));
  };

  const upload = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    if (!f) return;
    setChosen("");
    edit(await f.text());
  };

  const validate = async () => {
    setBusy("validate");
    const r = await api<{ ok: true; summary: Summary; check: LaunchCheck }>("POST", "/api/admin/treatments/validate", { treatment: text });
    setBusy(null);
    if (r.ok) {
      setErrors([]);
      setSummary(r.body.summary);
      setCheck(r.body.check);
    } else {
      setSummary(null);
      setCheck(null);
      setErrors(r.errors.length ? r.errors : [r.message]);
      setInvalid(r.errors.length > 0);
    }
  };

  const create = async () => {
    setBusy("create");
    // sessions start as drafts: the experimenter opens them on the monitor after the launch check
    const body = seed.trim() ? { treatment: text, seed: seed.trim(), draft: true } : { treatment: text, draft: true };
    const r = await api<{ ok: true; session: { id: string; code: string } }>("POST", "/api/admin/sessions", body);
    if (!r.ok) {
      setBusy(null);
      setSummary(null);
      setErrors(r.errors.length ? r.errors : [r.message]);
      return;
    }
    router.push(`/admin/sessions/${encodeURIComponent(r.body.session.id)}`);
  };

  const ex = examples.find((e) => e.file === chosen);
  const groups = groupsOf(text);
  return (
    <section className="card" aria-labelledby="new-session-h">
      <h2 id="new-session-h" style={{ marginTop: 0 }}>
        New session
      </h2>
      <div className="field">
        <label htmlFor="treatment-select">Start from an example treatment</label>
        <select id="treatment-select" data-testid="treatment-select" value={chosen} onChange={(e) => choose(e.target.value)}>
          <option value="">— choose an example —</option>
          {examples.map((e) => (
            <option key={e.file} value={e.file}>
              {e.name} ({e.file})
            </option>
          ))}
        </select>
        {ex?.description && <p className="small muted">{ex.description}</p>}
      </div>
      <div className="field">
        <label htmlFor="treatment-file">…or upload a treatment file (.json)</label>
        <input id="treatment-file" type="file" accept="application/json,.json" onChange={upload} data-testid="treatment-file" />
      </div>
      <div className="field">
        <label htmlFor="treatment-json">
          Treatment (JSON) <span className="help">— edit freely, then validate</span>
        </label>
        <textarea
          id="treatment-json"
          data-testid="treatment-json"
          spellCheck={false}
          value={text}
          onChange={(e) => {
            setChosen("");
            edit(e.target.value);
          }}
          aria-invalid={errors.length > 0}
          aria-describedby="treatment-result"
        />
      </div>
      {groups !== null && (
        <div className="field">
          <label htmlFor="treatment-groups">
            Number of groups{" "}
            <span className="help">
              (sets <code>groups</code> in the JSON above; seats = groups × group size, Validate shows them; the room&apos;s live charts need 5 groups or
              more; fill seats nobody takes with bots on the monitor)
            </span>
          </label>
          <input
            id="treatment-groups"
            data-testid="treatment-groups"
            type="number"
            min={1}
            step={1}
            value={groups}
            onChange={(e) => {
              const next = withGroups(text, Number(e.target.value));
              if (next !== null) edit(next);
            }}
            style={{ maxWidth: 120 }}
          />
        </div>
      )}
      <div className="field">
        <label htmlFor="session-seed">
          Seed <span className="help">(optional; the same seed replays the same random draws)</span>
        </label>
        <input id="session-seed" type="text" value={seed} onChange={(e) => setSeed(e.target.value)} maxLength={100} />
      </div>
      <div id="treatment-result" aria-live="polite">
        {errors.length > 0 && (
          <div className="error" role="alert" data-testid="treatment-errors">
            The treatment has {errors.length === 1 ? "a problem" : `${errors.length} problems`}:
            <ul>
              {errors.map((e, i) => (
                <li key={i}>{e}</li>
              ))}
            </ul>
          </div>
        )}
        {summary && (
          <p className="ok-box" data-testid="treatment-summary">
            Valid: game {summary.game}, {summary.groups} group{summary.groups === 1 ? "" : "s"} of {summary.groupSize} ={" "}
            {summary.seats} seats, {summary.rounds} round{summary.rounds === 1 ? "" : "s"}.
          </p>
        )}
        {check && <LaunchCheckView check={check} />}
        {check && <LaunchCheckFigures game={check.game} treatment={text} />}
      </div>
      <div className="row">
        <button type="button" className="secondary" data-testid="treatment-validate" disabled={!text.trim() || busy !== null} onClick={validate}>
          {busy === "validate" ? "Validating…" : "Validate"}
        </button>
        <button
          type="button"
          data-testid="session-create"
          disabled={!text.trim() || busy !== null || invalid}
          title={invalid ? "Fix the problems listed above first (editing the treatment enables this button again)" : undefined}
          aria-describedby={invalid ? "session-create-help" : undefined}
          onClick={create}
        >
          {busy === "create" ? "Creating…" : "Create session (as a draft)"}
        </button>
      </div>
      {invalid && (
        <p id="session-create-help" className="small muted" data-testid="session-create-help">
          Fix the problems above, then validate again: a session can be created once the treatment is valid.
        </p>
      )}
    </section>
  );
}

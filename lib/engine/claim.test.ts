import { describe, expect, it } from "vitest";
import { threeSeatTreatment } from "../testing/three-seats";
import { games } from "../games/registry";
import { newSession } from "../testing/drive";
import { loadTreatment, type LoadedTreatment } from "./treatment";
import { reduce } from "./reduce";
import { NOT_OPEN } from "./claim";
import type { ExternalId, SessionState } from "./state";

const load = () => threeSeatTreatment();

function claim(s: SessionState, lt: LoadedTreatment, cmd: Parameters<typeof reduce>[2]) {
  const r = reduce(s, lt, cmd, 0);
  return r;
}

describe("a label is not a key to a seat", () => {
  it("a label drawn like a taken one names the label it clashes with; the same label says it is taken", () => {
    const lt = load();
    const a = claim(newSession(lt).state, lt, { kind: "claim", label: "Ella" });
    if (!a.ok) throw new Error(a.error.message);
    const alike = claim(a.state, lt, { kind: "claim", label: "EIla" });
    expect(!alike.ok && alike.error.message).toMatch(/^The label "EIla" looks too much like "Ella", which is already taken/);
    const same = claim(a.state, lt, { kind: "claim", label: " ella " });
    expect(!same.ok && same.error.message).toMatch(/^The label "ella" is already taken/);
  });

  it("refuses a label in use in any letter case, without handing the seat over", () => {
    const lt = load();
    const a = claim(newSession(lt).state, lt, { kind: "claim", label: "Zoë" });
    if (!a.ok) throw new Error(a.error.message);
    expect(a.pid).toBe("p1");
    for (const again of ["zoë", "ZOË", " Zoe\u0308 "]) {
      const r = claim(a.state, lt, { kind: "claim", label: again });
      expect(r.ok, again).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe("session/label_taken");
        expect(r.error.message).toMatch(/already taken/);
      }
    }
  });

  it("a typographic apostrophe (phone keyboards), doubled spaces or full-width letters do not make a taken label new", () => {
    const lt = load();
    const a = claim(newSession(lt).state, lt, { kind: "claim", label: "O'Brien  Anna" });
    if (!a.ok) throw new Error(a.error.message);
    for (const again of ["O’Brien Anna", "o'brien anna", " O'BRIEN ANNA ", "Ｏ'Ｂｒｉｅｎ Ａｎｎａ"]) {
      const r = claim(a.state, lt, { kind: "claim", label: again });
      expect(!r.ok && r.error.code, again).toBe("session/label_taken");
    }
    const other = claim(a.state, lt, { kind: "claim", label: "O'Brien Anne" });
    expect(other.ok).toBe(true);
  });

  it("spaces or punctuation do not make a taken label new (\"Anna.\", \"A n n a\" beside \"Anna\"), and the refusal says what to do (fresh-clone review B4)", () => {
    const lt = load();
    const a = claim(newSession(lt).state, lt, { kind: "claim", label: "Anna" });
    if (!a.ok) throw new Error(a.error.message);
    for (const again of ["Anna.", "A n n a", "Ann a", "An-na", "Anna_", "'Anna'", "Anna’", ".Anna", "Anna -"]) {
      const r = claim(a.state, lt, { kind: "claim", label: again });
      expect(!r.ok && r.error.code, again).toBe("session/label_taken");
      if (r.ok) continue;
      expect(r.error.message, again).toBe(
        `The label "${again}" differs from "Anna", which is already taken in this session, only in spaces or punctuation (on the leaderboard the two would pass for the same person). If "Anna" is you, open this page in the browser you joined with; otherwise choose a label that differs in its letters or digits, for example with the first letter of your surname.`,
      );
      expect(r.error.wording).toEqual({ key: "labelTakenButPunctuation", values: { label: again, taken: "Anna" } });
    }
    // drawn alike and punctuated: the look-alike message; the same label: taken
    const cyrillic = claim(a.state, lt, { kind: "claim", label: "\u0410nna." });
    expect(!cyrillic.ok && cyrillic.error.wording?.key).toBe("labelLooksTaken");
    const same = claim(a.state, lt, { kind: "claim", label: "ANNA" });
    expect(!same.ok && same.error.wording?.key).toBe("labelTaken");
    // a label with other letters is another person
    for (const other of ["Anna B.", "Annab", "Hanna"]) expect(claim(a.state, lt, { kind: "claim", label: other }).ok, other).toBe(true);
    // the other way round: "Jean-Luc" taken, "Jean Luc" is refused
    const j = claim(newSession(lt).state, lt, { kind: "claim", label: "Jean-Luc" });
    if (!j.ok) throw new Error(j.error.message);
    const jl = claim(j.state, lt, { kind: "claim", label: "Jean Luc" });
    expect(!jl.ok && jl.error.wording?.key).toBe("labelTakenButPunctuation");
  });

  it("a label drawn like a taken one is taken: letters of other scripts, capital I for l, 0 for O", () => {
    const lt = load();
    const anna = claim(newSession(lt).state, lt, { kind: "claim", label: "Anna" });
    if (!anna.ok) throw new Error(anna.error.message);
    // Cyrillic А / а, Greek Α / Ν, all of them in capitals
    for (const again of ["\u0410nna", "Ann\u0430", "\u0391\u039d\u039d\u0391", "\u0410NN\u0410"]) {
      const r = claim(anna.state, lt, { kind: "claim", label: again });
      expect(!r.ok && r.error.code, JSON.stringify(again)).toBe("session/label_taken");
    }
    const bill = claim(newSession(lt).state, lt, { kind: "claim", label: "Bill" });
    if (!bill.ok) throw new Error(bill.error.message);
    expect(((r) => !r.ok && r.error.code)(claim(bill.state, lt, { kind: "claim", label: "BiII" }))).toBe("session/label_taken");
    const tom = claim(newSession(lt).state, lt, { kind: "claim", label: "Tom" });
    if (!tom.ok) throw new Error(tom.error.message);
    expect(((r) => !r.ok && r.error.code)(claim(tom.state, lt, { kind: "claim", label: "T0m" }))).toBe("session/label_taken");
    // other names stay apart, whatever their script
    for (const other of ["Tim", "Tomás", "\u041d\u0430\u0442\u0430\u0448\u0430", "\u03a4\u03ac\u03ba\u03b7\u03c2"]) expect(claim(tom.state, lt, { kind: "claim", label: other }).ok, other).toBe(true);
  });

  it("refuses a label with characters that draw nothing (it would look like another one)", () => {
    const lt = load();
    const anna = claim(newSession(lt).state, lt, { kind: "claim", label: "Anna" });
    if (!anna.ok) throw new Error(anna.error.message);
    // Hangul filler, variation selector, combining grapheme joiner, Mongolian vowel separator's kin, alone
    for (const label of ["Anna\u3164", "Anna\uFE0F", "An\u034Fna", "\u3164", "Anna\u180B"]) {
      const r = claim(anna.state, lt, { kind: "claim", label });
      expect(!r.ok && r.error.code, JSON.stringify(label)).toBe("action/invalid_payload");
      if (!r.ok) expect(r.error.message).toMatch(/letters, digits, spaces/);
    }
  });

  it("a dotless ı, a Latin alpha ɑ or script ɡ, and digits of any script compare as the letters and digits they look like", () => {
    const lt = load();
    const anna = claim(newSession(lt).state, lt, { kind: "claim", label: "Anna 1" });
    if (!anna.ok) throw new Error(anna.error.message);
    // Arabic-Indic, Devanagari, Bengali, full-width digit one
    for (const again of ["\u0251nna 1", "Anna \u0661", "Anna \u0967", "Anna \u09e7", "Anna \uff11"]) {
      const r = claim(anna.state, lt, { kind: "claim", label: again });
      expect(!r.ok && r.error.code, JSON.stringify(again)).toBe("session/label_taken");
    }
    const greg = claim(newSession(lt).state, lt, { kind: "claim", label: "Greg Anni" });
    if (!greg.ok) throw new Error(greg.error.message);
    for (const again of ["\u0261reg Anni", "Greg Ann\u0131"]) expect(((r) => !r.ok && r.error.code)(claim(greg.state, lt, { kind: "claim", label: again })), again).toBe("session/label_taken");
    // a digit's value is its place in its script's run of ten: Arabic-Indic ٧ (7) is not 1 or 0
    const desk = claim(newSession(lt).state, lt, { kind: "claim", label: "\u0664\u0662" }); // ٤٢
    if (!desk.ok) throw new Error(desk.error.message);
    expect(((r) => !r.ok && r.error.code)(claim(desk.state, lt, { kind: "claim", label: "42" }))).toBe("session/label_taken");
    expect(((r) => !r.ok && r.error.code)(claim(desk.state, lt, { kind: "claim", label: "\u096a\u0968" }))).toBe("session/label_taken"); // ४२
    for (const other of ["43", "\u0667", "\u0664\u0663"]) expect(claim(desk.state, lt, { kind: "claim", label: other }).ok, other).toBe(true);
  });

  it("refuses Latin letters mixed with letters or digits of another script (e.g. a Cherokee Ꭺ), and accepts one script alone", () => {
    const lt = load();
    const taken = claim(newSession(lt).state, lt, { kind: "claim", label: "Anna" });
    if (!taken.ok) throw new Error(taken.error.message);
    // drawn like a taken label: taken, whatever else is wrong with it
    expect(((r) => !r.ok && r.error.code)(claim(taken.state, lt, { kind: "claim", label: "\u13aanna" }))).toBe("session/label_taken");
    const anna = claim(newSession(lt).state, lt, { kind: "claim", label: "Zed" });
    if (!anna.ok) throw new Error(anna.error.message);
    for (const label of ["\u13aanna", "Anna\u0661", "Anna \u13aa", "Bob \u674e"]) {
      const r = claim(anna.state, lt, { kind: "claim", label });
      expect(!r.ok && r.error.code, JSON.stringify(label)).toBe("action/invalid_payload");
      if (!r.ok) {
        expect(r.error.message).toBe(`Please write your label in one alphabet: "${label}" mixes Latin letters with letters or digits of another script, which can look like someone else's label.`);
        expect(r.error.wording).toEqual({ key: "labelMixedScripts", values: { label } });
      }
    }
    // one script (with digits, spaces and accents) is fine, and so are Latin letters with ASCII digits
    let s = anna.state;
    for (const label of ["\u0410\u043d\u043d\u0430 2", "\u13aa\u13b4\u13df"]) {
      const r = claim(s, lt, { kind: "claim", label });
      expect(r.ok, label).toBe(true);
      if (r.ok) s = r.state;
    }
  });

  it("refuses a label of accents or punctuation alone, and more than two accents on one letter (zalgo)", () => {
    const lt = load();
    const s = newSession(lt).state;
    for (const label of ["\u0301\u0301\u0301", "...", "' - _", "Z" + "\u0336".repeat(39), "a" + "\u0300".repeat(39), "Ann\u0301\u0302\u0303\u0304a", "Ann \u0301a", "\u0301Anna"]) {
      const r = claim(s, lt, { kind: "claim", label });
      expect(!r.ok && r.error.code, JSON.stringify(label)).toBe("action/invalid_payload");
      if (!r.ok) expect(r.error.wording).toEqual({ key: "labelInvalid" });
    }
    // two accents on a letter are real names (Vietnamese ệ written as e + two marks, or an NFD "Zoë")
    for (const label of ["Nguy\u1ec5n", "Nguye\u0302\u0303n", "Zoe\u0308", "\u05e9\u05c1\u05b8"]) expect(claim(s, lt, { kind: "claim", label }).ok, label).toBe(true);
  });

  it("counts a label's characters as the join page does: after NFC and trimming, not in UTF-16 units; over 40 says how many", () => {
    const lt = load();
    const s = newSession(lt).state;
    // 40 characters each: an accent typed as its own character, letters outside the BMP, spaces around
    for (const label of ["A".repeat(39) + "e\u0301", "\u{1d49c}".repeat(40), `  ${"B".repeat(40)}  `]) expect(claim(s, lt, { kind: "claim", label }).ok, label).toBe(true);
    const long = claim(s, lt, { kind: "claim", label: "A".repeat(41) });
    expect(!long.ok && long.error.code).toBe("action/invalid_payload");
    if (!long.ok) {
      expect(long.error.wording).toEqual({ key: "labelTooLong", values: { count: 41, max: 40 } });
      expect(long.error.message).toBe("Your label has 41 characters: at most 40 fit. Please shorten it.");
    }
  });

  it("accepts apostrophes, hyphens and accented letters, and refuses markup", () => {
    const lt = load();
    let s = newSession(lt).state;
    for (const label of ["O'Brien", "Anne-Marie", "Zoë"]) {
      const r = claim(s, lt, { kind: "claim", label });
      expect(r.ok, label).toBe(true);
      if (r.ok) {
        s = r.state;
        expect(s.participants.get(r.pid!)!.label).toBe(label);
      }
    }
    const full = claim(s, lt, { kind: "claim", label: "Dan" });
    expect(!full.ok && full.error.code).toBe("session/full");
    expect(claim(newSession(lt).state, lt, { kind: "claim", label: "<b>x</b>" }).ok).toBe(false);
  });
});

describe("a label that reads like a seat's own name", () => {
  it("is refused, in every language and spelling, so nobody passes for a seat without a label on the room's screen", () => {
    const lt = load();
    const s = newSession(lt).state;
    for (const label of ["Seat 1", "seat 2", "SEAT 03", "Seat1", "Seat I", "Seat l0", "Ѕеат 1", "Platz 3", "platz 12", "Seat 3.", "Seat-3", "Seat_3", ".Seat 3", "Seat . 3"]) {
      const r = claim(s, lt, { kind: "claim", label });
      expect(r.ok, label).toBe(false);
      if (!r.ok) {
        expect(r.error.code, label).toBe("action/invalid_payload");
        expect(r.error.message, label).toMatch(/reads like the name the room's screen gives a seat/);
      }
    }
  });
  it("names that only contain the word stay allowed", () => {
    const lt = load();
    for (const label of ["Seat", "Seat A", "Seattle", "Seat 1 fan", "Platzhirsch", "Team 1"]) expect(claim(newSession(lt).state, lt, { kind: "claim", label }).ok, label).toBe(true);
  });
});

describe("panel ids", () => {
  const prolific = (id: string, session = `se-${id}`) => ({ kind: "claimPanel" as const, external: { source: "prolific", id, extra: { STUDY_ID: "s1", SESSION_ID: session } } });

  it("the same id gets its own seat back with the same panel session; a new id takes the next free seat; never a taken one", () => {
    const lt = load();
    let s = newSession(lt).state;
    const a = claim(s, lt, prolific("AAA"));
    if (!a.ok) throw new Error("a");
    s = a.state;
    expect(a.pid).toBe("p1");
    expect(s.participants.get("p1")!.external).toEqual({ source: "prolific", id: "AAA", extra: { STUDY_ID: "s1", SESSION_ID: "se-AAA" } });
    const again = claim(s, lt, prolific("AAA"));
    expect(again.ok && again.pid).toBe("p1");
    expect(again.ok && again.duplicate).toBe(true);
    const b = claim(s, lt, prolific("BBB"));
    if (!b.ok) throw new Error("b");
    expect(b.pid).toBe("p2");
    s = b.state;
    // the same id through another panel's parameter, or in another letter case, is the same person: no second seat
    for (const id of ["AAA", "aaa"]) {
      const same = claim(s, lt, { kind: "claimPanel", external: { source: "mturk", id, extra: {} } });
      expect(!same.ok && same.error.code).toBe("session/panel_id_taken");
    }
    const m = claim(s, lt, { kind: "claimPanel", external: { source: "mturk", id: "DDD", extra: {} } });
    if (!m.ok) throw new Error("m");
    expect(m.pid).toBe("p3");
    s = m.state;
    const late = claim(s, lt, prolific("CCC"));
    expect(!late.ok && late.error.code).toBe("session/full");
    if (!late.ok) expect(late.error.message).toMatch(/full: all 3 places are taken, and no seat was taken for you.*return the study/);
    // by room code (a classroom): no study to return, the instructor is asked
    const room = claim(s, lt, { kind: "claim", label: "Late" });
    if (!room.ok) expect(room.error.message).toMatch(/full: all 3 places are taken.*Ask the instructor/);
    expect(room.ok).toBe(false);
    expect(claim(s, lt, prolific("BBB")).ok).toBe(true);
    // an id alone is no key: another (or no) panel session, or a shared parameter only, is refused
    const guesses: ExternalId[] = [
      prolific("BBB", "se-other").external,
      { source: "prolific", id: "BBB", extra: { STUDY_ID: "s1" } },
      { source: "mturk", id: "AAA", extra: {} },
      { source: "mturk", id: "AAA", extra: { hitId: "h" } },
    ];
    for (const external of guesses) {
      const guess = claim(s, lt, { kind: "claimPanel", external });
      expect(!guess.ok && guess.error.code).toBe("session/panel_id_taken");
      if (!guess.ok) expect(guess.error.message).toMatch(/already has a seat in this study/);
    }
  });

  it("MTurk's assignmentId is the panel session; a seat taken without one comes back only to its stored link", () => {
    const lt = load();
    let s = newSession(lt).state;
    const mturk = (extra: Record<string, string>) => ({ kind: "claimPanel" as const, external: { source: "mturk", id: "W1", extra } });
    const a = claim(s, lt, mturk({ assignmentId: "A9", hitId: "H" }));
    if (!a.ok) throw new Error("a");
    s = a.state;
    expect(claim(s, lt, mturk({ assignmentId: "A9" })).ok).toBe(true);
    expect(claim(s, lt, mturk({ assignmentId: "A8", hitId: "H" })).ok).toBe(false);
    const sona = (id: string) => ({ kind: "claimPanel" as const, external: { source: "id", id, extra: {} } });
    const b = claim(s, lt, sona("4711"));
    if (!b.ok) throw new Error("b");
    s = b.state;
    expect(claim(s, lt, sona("4711")).ok).toBe(false);
  });
});

describe("draft sessions", () => {
  it("nobody takes a seat or starts the intro before the experimenter opens the session; bot groups form on open", async () => {
    const { createSessionState } = await import("./create");
    const r = loadTreatment(
      { name: "t", game: "ids-investment", params: { alpha: [10, 10], W: [[1, 0.4], [0.4, 1]], c: [1, 1], rounds: 1 }, bots: { seats: ["myopic", "myopic"] } },
      games,
    );
    if (!r.ok) throw new Error(r.errors.join());
    const lt = r.value;
    const { state } = createSessionState(lt, { id: "d", seed: "d", nowMs: 0, participantIds: ["a", "b"], completionCodes: ["A", "B"], draft: true });
    expect(state.status).toBe("draft");
    expect([...state.groups.keys()]).toHaveLength(0);
    const lt1 = load();
    const d = createSessionState(lt1, { id: "d1", seed: "d", nowMs: 0, participantIds: ["p1", "p2", "p3"], completionCodes: ["1", "2", "3"], draft: true }).state;
    const c = reduce(d, lt1, { kind: "claim", label: "Ann" }, 0);
    expect(!c.ok && c.error.code).toBe("session/not_open");
    const pan = reduce(d, lt1, { kind: "claimPanel", external: { source: "prolific", id: "X1", extra: {} } }, 0);
    expect(!pan.ok && pan.error.code).toBe("session/not_open");
    const conn = reduce(d, lt1, { kind: "connect", pid: "p1" }, 0);
    if (!conn.ok) throw new Error("connect");
    expect(reduce(conn.state, lt1, { kind: "consent", pid: "p1" }, 0).ok).toBe(false);
    // a game action says the same as the intro and the join, not "your group has not started"
    const act = reduce(conn.state, lt1, { kind: "action", pid: "p1", clientActionId: "draft-act-1", action: { type: "invest", x: 1 } }, 0);
    expect(!act.ok && [act.error.code, act.error.message]).toEqual(["session/not_open", NOT_OPEN.message]);
    expect(reduce(d, lt1, { kind: "pause" }, 0).ok).toBe(false);
    const opened = reduce(state, lt, { kind: "open" }, 5);
    if (!opened.ok) throw new Error(opened.error.message);
    expect(opened.state.status).toBe("running");
    expect([...opened.state.groups.keys()]).toHaveLength(1);
    expect(reduce(opened.state, lt, { kind: "open" }, 6).ok).toBe(false);
  });
});

describe("labels written in another script that read like a taken one (Unicode's confusables)", () => {
  const lt = load();
  const taken = (first: string, second: string) => {
    const a = claim(newSession(lt).state, lt, { kind: "claim", label: first });
    if (!a.ok) throw new Error(a.error.message);
    const r = claim(a.state, lt, { kind: "claim", label: second });
    return !r.ok && r.error.code === "session/label_taken";
  };
  it("Greek, Cyrillic, Cherokee and Armenian labels drawn like Latin ones are taken, in small letters and capitals", () => {
    for (const [first, second] of <[string, string][]>[
      ["Eva", "Ενα"], // Greek small nu draws like v
      ["ceo", "\u03f2\u0435\u03bf"], // lunate sigma, Cyrillic е, Greek ο
      ["Vic", "\u0474\u0456\u0441"], // Cyrillic izhitsa, і, с
      ["TEMA", "\u13a2\u13ac\u13b7\u13aa"], // Cherokee capitals
      ["hou", "\u0570\u0585\u057d"], // Armenian
      ["mia", "rnia"],
      ["Wendy", "VVendy"], // two v's drawn like a w, as rn like m
      ["wanda", "vvanda"],
      ["NINA", "\u039d\u0399\u039d\u0391"], // Greek capitals
      ["Nina", "\u039d\u0399\u039d\u0391"],
      // wholly Cyrillic or Greek, caught by the hand table before Unicode's was added (it must still be)
      ["Tom", "Том"],
      ["Toma", "Тома"],
      ["Mak", "Мак"],
      ["Poma", "Рома"],
      ["Moha", "Мона"],
      ["Katia", "Κατια"],
      ["Niko", "Νικο"],
      ["oko", "οκο"],
    ])
      expect(taken(first, second), `${first} / ${second}`).toBe(true);
  });
  it("names that only share letters stay apart, in any script", () => {
    for (const [first, second] of <[string, string][]>[
      ["Eva", "Ena"],
      ["Nina", "Vina"],
      ["Anna", "Hanna"],
      ["Μαρία", "Maria"], // Greek Maria does not read "Maria"
      ["Наташа", "Hatawa"],
      ["Zoë", "Zoe"],
      ["李雷", "李雪"],
    ])
      expect(taken(first, second), `${first} / ${second}`).toBe(false);
  });
});

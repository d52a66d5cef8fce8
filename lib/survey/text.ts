/**
 * Every participant-facing sentence of the exit survey, in one place (the server's refusals and the
 * survey page's labels), so a translation catalogue can take them over as a whole.
 */
const num = (x: number) => String(Number(x.toFixed(6)));

export const SURVEY_TEXT = {
  heading: "A few questions before you finish",
  intro: "Please answer the questions below. Questions marked optional may be left empty.",
  optional: "optional",
  submit: "Send my answers",
  sending: "Sending…",
  charactersLeft: (n: number) => `${n} character${n === 1 ? "" : "s"} left`,
  fixBelow: (n: number) => `${n === 1 ? "One answer needs" : `${n} answers need`} a change; see the marked question${n === 1 ? "" : "s"}. Nothing you typed was lost.`,
  required: "Please answer this question.",
  notText: "Please type your answer as text.",
  tooLong: (length: number, max: number) => `Your answer has ${length} characters; please shorten it to at most ${max}.`,
  numberRange: (min: number, max: number, decimals: number) =>
    `Enter ${decimals === 0 ? "a whole number" : "a number"} from ${num(min)} to ${num(max)}${decimals > 0 ? ` (at most ${decimals} decimal${decimals === 1 ? "" : "s"}, "." or "," for decimals)` : ""}.`,
  decimals: (d: number) => (d === 0 ? "Enter a whole number (no decimals)." : `Use at most ${d} decimal${d === 1 ? "" : "s"}.`),
  chooseOption: "Please choose one of the options.",
  chooseScale: (points: number) => `Please choose a point from 1 to ${points} on the scale.`,
  unknownQuestion: (id: string) => `There is no question "${id}" in this survey; reload the page.`,
  notYet: "The questionnaire comes after the last round. Please finish the game first.",
  alreadyAnswered: "You have already sent your answers; they are saved. Your final page is shown now.",
  paused: "The experimenter has paused the session. Your answers were not sent yet; nothing you typed is lost. Send them again when the session resumes.",
  ended: "This session has ended; your answers could not be recorded.",
} as const;

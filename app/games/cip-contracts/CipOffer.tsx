"use client";
/**
 * The offer (and every re-offer): the menu with what each contract gives YOU, one choice (a contract
 * or reject; equal split: accept or reject), then waiting. Excluded and out CIs see why they wait.
 */
import type { ReactNode } from "react";
import { useFormatter, useTranslations } from "use-intl";
import type { cipContracts } from "@/lib/games/cip-contracts";
import type { CipView } from "@/lib/games/cip-contracts/views";
import { useRefusalText } from "../../i18n/use-refusal-text";
import { fmt } from "../../lib-client/format";
import { richTags } from "../strong";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import styles from "./cip.module.css";
import { CipNews, CipSituation } from "./CipSituation";
import { outNoticeKey } from "./out-notice";

type Offer = NonNullable<CipView["offer"]>;
type OfferProps = PhaseProps<typeof cipContracts, "offer">;

export function CipOffer(props: OfferProps) {
  const c = useTranslations("cip");
  const { v } = props;
  const offer = v.offer;
  return (
    <div>
      {offer && offer.round > 1 && (
        <p className="notice" data-testid="cip-reoffer">
          {c("reoffer", { round: offer.round })}
        </p>
      )}
      {v.status === "choosing" && offer ? (
        // keyed by the offer round: a re-offer starts with a fresh choice and a fresh send id
        <CipChoice key={`${props.play.round}:${offer.round}`} v={v} offer={offer} props={props} />
      ) : (
        <CipWaiting v={v} props={props} />
      )}
      <CipNews v={v} />
      <CipSituation v={v} />
    </div>
  );
}

function CipWaiting({ v, props }: { v: CipView; props: OfferProps }) {
  const c = useTranslations("cip");
  const others = props.play.pendingCount;
  const waiting = others > 0 ? c("waitingAnswers", { count: others }) : c("deciding");
  if (v.status === "excluded")
    return (
      <p className="notice" role="status" data-testid="cip-excluded">
        {c("excluded")} {waiting}
      </p>
    );
  if (v.status === "out")
    return (
      <p className="notice" role="status" data-testid="cip-out">
        {c(outNoticeKey(v, props.play), { endowment: fmt(v.points.endowment) })} {waiting}
      </p>
    );
  const a = v.offer?.myAnswer;
  return (
    <p className="ok-box" role="status" data-testid="cip-answered">
      {a?.kind === "accept" ? (a.contract !== null ? c("acceptedContract", { contract: a.contract }) : c("acceptedOffer")) : a?.kind === "reject" ? c("rejectedOffer") : ""}{" "}
      {waiting}
    </p>
  );
}

function CipChoice({ v, offer, props }: { v: CipView; offer: Offer; props: OfferProps }) {
  const { play, view, act, locked } = props;
  const c = useTranslations("cip");
  const g = useTranslations("game");
  const format = useFormatter();
  const refusalText = useRefusalText();
  const [choice, setChoice] = useDraft(`mechlab:cip:${view.participantId}:r${play.round}:o${offer.round}:choice`, "");
  const { send, busy, error } = useIntent(act);

  const action =
    choice === "reject"
      ? { type: "reject" as const }
      : choice === "accept"
        ? { type: "accept" as const }
        : /^\d+$/.test(choice)
          ? { type: "accept" as const, contract: Number(choice) }
          : null;
  const submit = async () => {
    if (!action) return;
    await send(`r${play.round}:o${offer.round}:${choice}`, action);
  };

  const option = (value: string, content: ReactNode, extra = "") => (
    <label key={value} className={`${styles.option} ${choice === value ? styles.selected : ""} ${extra}`} data-testid={`cip-label-${value}`}>
      <input
        type="radio"
        name="cip-choice"
        value={value}
        checked={choice === value}
        onChange={() => setChoice(value)}
        disabled={busy || locked}
        data-testid={`cip-option-${value}`}
      />
      <span>{content}</span>
    </label>
  );

  const menu = offer.menu;
  const bestOnes = menu?.filter((k) => k.best) ?? [];
  const mine = menu?.find((k) => k.mine);
  return (
    <section className="card" aria-labelledby="cip-offer-title">
      <h3 id="cip-offer-title" style={{ marginTop: 0 }}>
        {menu ? c("chooseContract") : c("chooseEqual")}{" "}
        <span className="small muted" data-testid="cip-offer-round">
          {c("offerRound", { round: offer.round, cis: offer.offeredTo })}
        </span>
      </h3>
      <div className={styles.options} role="radiogroup" aria-label={c("yourAnswer")} data-testid="cip-menu">
        {menu
          ? menu.map((k) =>
              option(
                String(k.number),
                <>
                  <span className={styles.title}>{c("contract", { contract: k.number })}</span>{" "}
                  <span className="small muted">{c("designedFor", { type: k.designedFor })}</span>
                  <span className={styles.figures}>
                    <span>{c.rich("youGet", { ...richTags, value: fmt(k.resources) })}</span>
                    <span>{c.rich("youPay", { ...richTags, value: fmt(k.reward) })}</span>
                    <span>
                      {c("yourUtilityLabel")} <b data-testid={`cip-utility-${k.number}`}>{fmt(k.myUtility)}</b>
                    </span>
                    <span>{c.rich("pointsFigure", { ...richTags, value: fmt(k.myPoints, 1) })}</span>
                  </span>
                  <span className={styles.badges}>
                    {k.mine && <span className={`${styles.badge} ${styles.mine}`}>{c("badgeMine")}</span>}
                    {k.best && <span className={`${styles.badge} ${styles.best}`}>{c("badgeBest")}</span>}
                    {k.myUtility < 0 && <span className={`${styles.badge} ${styles.loss}`}>{c("badgeLoss")}</span>}
                  </span>
                </>,
                k.mine ? styles.mine : "",
              ),
            )
          : offer.equal &&
            option(
              "accept",
              <>
                <span className={styles.title}>{c("accept")}</span>
                <span className={styles.figures}>
                  <span>{c.rich("youGet", { ...richTags, value: fmt(offer.equal.resources) })}</span>
                  <span>{c.rich("youPay", { ...richTags, value: fmt(offer.equal.reward) })}</span>
                  <span>
                    {c("yourUtilityLabel")} <b data-testid="cip-utility-accept">{fmt(offer.equal.myUtility)}</b>
                  </span>
                  <span>{c.rich("pointsFigure", { ...richTags, value: fmt(offer.equal.myPoints, 1) })}</span>
                </span>
              </>,
            )}
        {option(
          "reject",
          <>
            <span className={styles.title}>{c("reject")}</span>{" "}
            <span className="small muted">{c("rejectExplained", { endowment: fmt(v.points.endowment) })}</span>
          </>,
        )}
      </div>
      {menu && mine && bestOnes.length > 1 && (
        <p className="small muted" data-testid="cip-indifference">
          {c("indifferent", { list: format.list(bestOnes.map((k) => String(k.number)), { type: "conjunction" }), mine: mine.number })}
        </p>
      )}
      {menu && (
        <p className="small muted">
          {c("rationing", { resources: fmt(v.model.R) })}
        </p>
      )}
      <div id="cip-msg">
        {error && (
          <p className="error" role="alert" data-testid="cip-error">
            {refusalText(error)}
          </p>
        )}
      </div>
      <button type="button" className="block" data-testid="cip-submit" onClick={submit} disabled={busy || locked || !action} aria-describedby="cip-msg">
        {busy ? g("sending") : !action ? c("chooseAbove") : choice === "reject" ? c("rejectOffer") : menu ? c("acceptContract", { contract: choice }) : c("accept")}
      </button>
    </section>
  );
}

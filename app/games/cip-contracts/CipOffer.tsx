"use client";
/**
 * The offer (and every re-offer): the menu with what each contract gives YOU, one choice (a contract
 * or reject; equal split: accept or reject), then waiting. Excluded and out CIs see why they wait.
 */
import type { ReactNode } from "react";
import type { cipContracts } from "@/lib/games/cip-contracts";
import type { CipView } from "@/lib/games/cip-contracts/views";
import { fmt } from "../../lib-client/format";
import { useDraft } from "../../lib-client/use-draft";
import { useIntent } from "../../lib-client/use-intent";
import type { PhaseProps } from "../define-ui";
import styles from "./cip.module.css";
import { CipNews, CipSituation } from "./CipSituation";

type Offer = NonNullable<CipView["offer"]>;
type OfferProps = PhaseProps<typeof cipContracts, "offer">;

export function CipOffer(props: OfferProps) {
  const { v } = props;
  const offer = v.offer;
  return (
    <div>
      {offer && offer.round > 1 && (
        <p className="notice" data-testid="cip-reoffer">
          Offer {offer.round}: someone rejected, so the control center redesigned its menu. Everyone still in chooses again.
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
  const others = props.play.pendingCount;
  const waiting = others > 0 ? `Waiting for ${others} other${others === 1 ? "" : "s"} to answer…` : "The control center is deciding…";
  if (v.status === "excluded")
    return (
      <p className="notice" role="status" data-testid="cip-excluded">
        The control center&apos;s resources cannot serve every CI, and you are on its excluded list for now (it sets aside the CIs
        most likely to be of the lowest criticality). If someone rejects, you may get an offer. {waiting}
      </p>
    );
  if (v.status === "out")
    return (
      <p className="notice" role="status" data-testid="cip-out">
        You rejected an offer, so you are out for this round (no contract, {fmt(v.points.endowment)} points). {waiting}
      </p>
    );
  const a = v.offer?.myAnswer;
  return (
    <p className="ok-box" role="status" data-testid="cip-answered">
      {a?.kind === "accept"
        ? a.contract !== null
          ? `You accepted contract ${a.contract}.`
          : "You accepted the offer."
        : a?.kind === "reject"
          ? "You rejected the offer."
          : ""}{" "}
      {waiting}
    </p>
  );
}

function CipChoice({ v, offer, props }: { v: CipView; offer: Offer; props: OfferProps }) {
  const { play, view, act, locked } = props;
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
  const bestOnes = menu?.filter((c) => c.best) ?? [];
  const mine = menu?.find((c) => c.mine);
  return (
    <section className="card" aria-labelledby="cip-offer-title">
      <h3 id="cip-offer-title" style={{ marginTop: 0 }}>
        {menu ? "Choose a contract or reject" : "Accept or reject your equal share"}{" "}
        <span className="small muted" data-testid="cip-offer-round">
          (offer {offer.round}, made to {offer.offeredTo} CI{offer.offeredTo === 1 ? "" : "s"})
        </span>
      </h3>
      <div className={styles.options} role="radiogroup" aria-label="Your answer" data-testid="cip-menu">
        {menu
          ? menu.map((c) =>
              option(
                String(c.number),
                <>
                  <span className={styles.title}>Contract {c.number}</span>{" "}
                  <span className="small muted">(designed for type {c.designedFor})</span>
                  <span className={styles.figures}>
                    <span>
                      you get r = <b>{fmt(c.resources)}</b>
                    </span>
                    <span>
                      you pay π = <b>{fmt(c.reward)}</b>
                    </span>
                    <span>
                      your utility <b data-testid={`cip-utility-${c.number}`}>{fmt(c.myUtility)}</b>
                    </span>
                    <span>
                      points <b>{fmt(c.myPoints, 1)}</b>
                    </span>
                  </span>
                  <span className={styles.badges}>
                    {c.mine && <span className={`${styles.badge} ${styles.mine}`}>designed for your type</span>}
                    {c.best && <span className={`${styles.badge} ${styles.best}`}>highest utility for you</span>}
                    {c.myUtility < 0 && <span className={`${styles.badge} ${styles.loss}`}>you would lose</span>}
                  </span>
                </>,
                c.mine ? styles.mine : "",
              ),
            )
          : offer.equal &&
            option(
              "accept",
              <>
                <span className={styles.title}>Accept</span>
                <span className={styles.figures}>
                  <span>
                    you get r = <b>{fmt(offer.equal.resources)}</b>
                  </span>
                  <span>
                    you pay π = <b>{fmt(offer.equal.reward)}</b>
                  </span>
                  <span>
                    your utility <b data-testid="cip-utility-accept">{fmt(offer.equal.myUtility)}</b>
                  </span>
                  <span>
                    points <b>{fmt(offer.equal.myPoints, 1)}</b>
                  </span>
                </span>
              </>,
            )}
        {option(
          "reject",
          <>
            <span className={styles.title}>Reject</span>{" "}
            <span className="small muted">
              no resources, no payment: utility 0, {fmt(v.points.endowment)} points; you are out for this round
            </span>
          </>,
        )}
      </div>
      {menu && mine && bestOnes.length > 1 && (
        <p className="small muted" data-testid="cip-indifference">
          Contracts {bestOnes.map((c) => c.number).join(" and ")} give you the same utility; contract {mine.number} is the one
          designed for your type.
        </p>
      )}
      {menu && (
        <p className="small muted">
          If the accepted contracts together ask for more than {fmt(v.model.R)} resources, they are served in order of the chosen
          type&apos;s criticality; the last one served may get less at the same rate, or nothing.
        </p>
      )}
      <div id="cip-msg">
        {error && (
          <p className="error" role="alert" data-testid="cip-error">
            {error.message}
          </p>
        )}
      </div>
      <button type="button" className="block" data-testid="cip-submit" onClick={submit} disabled={busy || locked || !action} aria-describedby="cip-msg">
        {busy ? "Sending…" : !action ? "Choose an option above" : choice === "reject" ? "Reject the offer" : menu ? `Accept contract ${choice}` : "Accept"}
      </button>
    </section>
  );
}

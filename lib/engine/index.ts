export * from "./commands";
export * from "./create";
export * from "./reduce";
export * from "./state";
export * from "./treatment";
export { upgradeSessionState, type StoredSessionState } from "./upgrade";
export * from "./views";
export { botMoves, type BotMove } from "./bots";
export { nextWakeMs } from "./admin";

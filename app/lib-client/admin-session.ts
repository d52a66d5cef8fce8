"use client";
/**
 * The admin's login as the pages around a live feed see it: `AdminGate` provides `loggedOut`, which shows
 * the login form again; a feed whose socket is refused for want of a login (logged out in another tab,
 * the session expired, the password changed) calls it, so the screen asks for the password instead of
 * showing the refusal's text.
 */
import { createContext, useContext } from "react";

/** `data.code` of a socket handshake refused because the admin is not logged in (server/realtime/sockets.ts). */
export const NOT_LOGGED_IN = "auth/not_logged_in";

export const AdminSessionContext = createContext<{ loggedOut(): void }>({ loggedOut: () => undefined });

export const useAdminSession = () => useContext(AdminSessionContext);

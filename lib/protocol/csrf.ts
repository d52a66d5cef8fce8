/**
 * The header every state-changing admin request must carry. Browsers let a page set a custom header
 * on a request to another origin only after a CORS preflight, which mechlab never approves, so a page
 * from another site (or another port of this host) cannot send it.
 */
export const CSRF_HEADER = "x-mechlab-csrf";
export const CSRF_VALUE = "1";

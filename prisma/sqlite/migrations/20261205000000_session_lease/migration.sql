-- CreateTable
CREATE TABLE "SessionLease" (
    "sessionId" TEXT NOT NULL PRIMARY KEY,
    "owner" TEXT NOT NULL,
    "token" INTEGER NOT NULL,
    "expiresAt" BIGINT NOT NULL,
    "parked" BOOLEAN NOT NULL DEFAULT false
);

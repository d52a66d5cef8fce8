-- CreateTable
CREATE TABLE "SessionLease" (
    "sessionId" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "token" INTEGER NOT NULL,
    "expiresAt" BIGINT NOT NULL,
    "parked" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "SessionLease_pkey" PRIMARY KEY ("sessionId")
);

-- How each round's decisions came about, and archived sessions
ALTER TABLE "PlayerRound" ADD COLUMN "endedBy" TEXT;
ALTER TABLE "PlayerRound" ADD COLUMN "botReason" TEXT;
ALTER TABLE "PlayerRound" ADD COLUMN "botStrategy" TEXT;
ALTER TABLE "Session" ADD COLUMN "archivedAt" TIMESTAMP(3);

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "Setting_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gameId" TEXT NOT NULL,
    "treatmentJson" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "stateJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "completionCode" TEXT NOT NULL,

    CONSTRAINT "Participant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionEvent" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "serverTime" TIMESTAMP(3) NOT NULL,
    "actorKind" TEXT NOT NULL,
    "participantId" TEXT,
    "command" TEXT NOT NULL,
    "payloadJson" TEXT NOT NULL,
    "clientActionId" TEXT,
    "accepted" BOOLEAN NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "versionAfter" INTEGER NOT NULL,

    CONSTRAINT "ActionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoundOutcome" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "mechanismId" TEXT NOT NULL,
    "mechanismVer" TEXT NOT NULL,
    "inputJson" TEXT NOT NULL,
    "outputJson" TEXT NOT NULL,
    "groupJson" TEXT NOT NULL,
    "seedJson" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoundOutcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlayerRound" (
    "id" SERIAL NOT NULL,
    "sessionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "label" TEXT,
    "role" TEXT NOT NULL,
    "decisionJson" TEXT NOT NULL,
    "outcomeJson" TEXT NOT NULL,
    "payoff" DOUBLE PRECISION NOT NULL,
    "decisionMs" INTEGER,
    "timedOut" BOOLEAN NOT NULL,
    "isBot" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlayerRound_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Session_code_key" ON "Session"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_token_key" ON "Participant"("token");

-- CreateIndex
CREATE UNIQUE INDEX "Participant_sessionId_seat_key" ON "Participant"("sessionId", "seat");

-- CreateIndex
CREATE INDEX "ActionEvent_sessionId_seq_idx" ON "ActionEvent"("sessionId", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "RoundOutcome_sessionId_groupId_round_key" ON "RoundOutcome"("sessionId", "groupId", "round");

-- CreateIndex
CREATE INDEX "PlayerRound_sessionId_round_idx" ON "PlayerRound"("sessionId", "round");

-- CreateIndex
CREATE UNIQUE INDEX "PlayerRound_sessionId_round_participantId_key" ON "PlayerRound"("sessionId", "round", "participantId");

-- AddForeignKey
ALTER TABLE "Participant" ADD CONSTRAINT "Participant_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionEvent" ADD CONSTRAINT "ActionEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoundOutcome" ADD CONSTRAINT "RoundOutcome_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlayerRound" ADD CONSTRAINT "PlayerRound_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gameId" TEXT NOT NULL,
    "treatmentJson" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "stateJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Participant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sessionId" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "token" TEXT NOT NULL,
    "completionCode" TEXT NOT NULL,
    CONSTRAINT "Participant_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "serverTime" DATETIME NOT NULL,
    "actorKind" TEXT NOT NULL,
    "participantId" TEXT,
    "command" TEXT NOT NULL,
    "payloadJson" TEXT NOT NULL,
    "clientActionId" TEXT,
    "accepted" BOOLEAN NOT NULL,
    "errorCode" TEXT,
    "errorMessage" TEXT,
    "versionAfter" INTEGER NOT NULL,
    CONSTRAINT "ActionEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RoundOutcome" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "mechanismId" TEXT NOT NULL,
    "mechanismVer" TEXT NOT NULL,
    "inputJson" TEXT NOT NULL,
    "outputJson" TEXT NOT NULL,
    "groupJson" TEXT NOT NULL,
    "seedJson" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RoundOutcome_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlayerRound" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "sessionId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "participantId" TEXT NOT NULL,
    "seat" INTEGER NOT NULL,
    "label" TEXT,
    "role" TEXT NOT NULL,
    "decisionJson" TEXT NOT NULL,
    "outcomeJson" TEXT NOT NULL,
    "payoff" REAL NOT NULL,
    "decisionMs" INTEGER,
    "timedOut" BOOLEAN NOT NULL,
    "isBot" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PlayerRound_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "Session" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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

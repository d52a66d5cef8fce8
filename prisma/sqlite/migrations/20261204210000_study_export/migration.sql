-- Study-wide wide export reads one participant's rounds in order
CREATE INDEX "PlayerRound_sessionId_participantId_round_idx" ON "PlayerRound"("sessionId", "participantId", "round");

-- CreateTable
CREATE TABLE "SnapshotPart" (
    "sessionId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "json" TEXT NOT NULL,

    CONSTRAINT "SnapshotPart_pkey" PRIMARY KEY ("sessionId","kind","key")
);

-- CreateTable
CREATE TABLE "SlackMessage" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "documentId" TEXT NOT NULL,
    "recipientId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "round" INTEGER NOT NULL DEFAULT 0,
    "stageIndex" INTEGER,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "eventKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SlackUpload" (
    "documentId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "permalink" TEXT,
    "channel" TEXT NOT NULL,
    "ts" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackUpload_pkey" PRIMARY KEY ("documentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlackMessage_eventKey_key" ON "SlackMessage"("eventKey");

-- CreateIndex
CREATE INDEX "SlackMessage_documentId_kind_round_idx" ON "SlackMessage"("documentId", "kind", "round");

-- CreateIndex
CREATE INDEX "SlackMessage_documentId_recipientId_idx" ON "SlackMessage"("documentId", "recipientId");

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "paymentBatchId" TEXT;

-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "debtorBic" TEXT,
ADD COLUMN     "debtorIban" TEXT,
ADD COLUMN     "debtorName" TEXT;

-- CreateTable
CREATE TABLE "PaymentBatch" (
    "id" TEXT NOT NULL,
    "seq" SERIAL NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "format" TEXT NOT NULL,
    "fromDate" TEXT,
    "toDate" TEXT,
    "executionDate" TEXT NOT NULL,
    "documentIds" TEXT[],
    "count" INTEGER NOT NULL,
    "total" DECIMAL(18,2) NOT NULL,
    "currency" TEXT,

    CONSTRAINT "PaymentBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "PaymentBatch_seq_key" ON "PaymentBatch"("seq");

-- CreateIndex
CREATE INDEX "PaymentBatch_workspaceId_createdAt_idx" ON "PaymentBatch"("workspaceId", "createdAt");

-- CreateIndex
CREATE INDEX "Document_paymentBatchId_idx" ON "Document"("paymentBatchId");

-- AddForeignKey
ALTER TABLE "Document" ADD CONSTRAINT "Document_paymentBatchId_fkey" FOREIGN KEY ("paymentBatchId") REFERENCES "PaymentBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentBatch" ADD CONSTRAINT "PaymentBatch_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

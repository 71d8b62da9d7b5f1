-- AlterTable
ALTER TABLE "CodeListEntry" ADD COLUMN     "retiredAt" TIMESTAMP(3),
ADD COLUMN     "vatRate" DECIMAL(7,3);

-- CreateTable
CREATE TABLE "SupplierCodingRule" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "supplier" TEXT NOT NULL,
    "lines" JSONB NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SupplierCodingRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostingExportMark" (
    "documentId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "exportedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "exportedById" TEXT,
    "format" TEXT NOT NULL,

    CONSTRAINT "PostingExportMark_pkey" PRIMARY KEY ("documentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "SupplierCodingRule_workspaceId_key_key" ON "SupplierCodingRule"("workspaceId", "key");

-- CreateIndex
CREATE INDEX "PostingExportMark_workspaceId_exportedAt_idx" ON "PostingExportMark"("workspaceId", "exportedAt");

-- Gap-free document numbers per workspace (DOC-<number>) and the cleared duplicate flag.
-- A sequence caches values and loses them in a crash (DOC-7 → DOC-34); a counter row bumped
-- in the inserting transaction cannot skip: a rolled-back insert rolls the counter back too,
-- and concurrent inserts of one workspace queue on that row's lock.

-- AlterTable
ALTER TABLE "Document" ADD COLUMN     "duplicateClearedOf" TEXT,
ADD COLUMN     "number" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "DocumentCounter" (
    "workspaceId" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "DocumentCounter_pkey" PRIMARY KEY ("workspaceId")
);

-- Documents that exist keep the reference people have already seen (DOC-<seq>); new ones
-- count on from the workspace's highest.
UPDATE "Document" SET "number" = "seq";
INSERT INTO "DocumentCounter" ("workspaceId", "last") SELECT "workspaceId", MAX("number") FROM "Document" GROUP BY "workspaceId";

-- CreateIndex
CREATE UNIQUE INDEX "Document_workspaceId_number_key" ON "Document"("workspaceId", "number");

-- Every insert takes the next number, whatever the statement gave (the column's 0 default).
CREATE FUNCTION "countersign_document_number"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "DocumentCounter" ("workspaceId", "last") VALUES (NEW."workspaceId", 1)
  ON CONFLICT ("workspaceId") DO UPDATE SET "last" = "DocumentCounter"."last" + 1
  RETURNING "last" INTO NEW."number";
  RETURN NEW;
END $$;
CREATE TRIGGER "Document_number" BEFORE INSERT ON "Document" FOR EACH ROW EXECUTE FUNCTION "countersign_document_number"();

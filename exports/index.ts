// Exports for administrators and auditors (and operators through `npm run export`): the audit
// log and the documents, as CSV or XLSX, streamed. Payment files and reports are in payments/.
export { exportAudit, writeAuditExport, AUDIT_COLUMNS, type AuditExportParams, type AuditRow, type ExportResult } from './audit';
export { exportDocuments, writeDocumentExport, DOCUMENT_COLUMNS, type DocumentExportParams, type DocumentRow } from './documents';
export { csvSafe, openTable, TABLE_FORMATS, type Column, type Destination, type TableFormat } from './table';
export { parsePeriod, type Period } from './period';

/** "audit-2026-01-01-2026-01-31.csv": a file name for an export. */
export function exportFileName(what: 'audit' | 'documents' | 'payments', from: string, to: string, format: 'csv' | 'xlsx'): string {
  return `${what}-${from}-${to}.${format}`;
}

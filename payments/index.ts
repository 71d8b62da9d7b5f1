// Payments, after approval: the payment manager sees what is payable, puts invoices in a payment
// batch, gets the batch file for the bank and marks documents paid. Auditors and administrators
// may look and export; who may do what is domain/permissions/workspace.ts.
export { getDebtorAccount, setDebtorAccount, NO_DEBTOR_ACCOUNT, type DebtorAccount } from './account';
export { createPaymentBatch, type CreateBatchRequest } from './batches';
export { exportPayments, writePaymentFile, paymentFileName, PAYMENT_FILE_COLUMNS, type PaymentFileRequest, type PaymentFileRow } from './batch-file';
export { clearDuplicateFlag } from './duplicates';
export { markPaid, markBatchPaid, paymentProblem, type MarkPaidRequest } from './mark-paid';
export { listPayable, getPaymentBatch, listPaymentBatches } from './queries';
export { exportPaymentsReport, writePaymentsReport, PAYMENT_COLUMNS, type PaymentsReportParams } from './report';
export type { BatchFormat, PaymentFileFormat, PayableItem, PaymentBatchView, SkippedInvoice } from './views';

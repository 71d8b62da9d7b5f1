// Every workflow the worker registers (bundled for Temporal's deterministic sandbox).
export { documentWorkflow } from './document-workflow';

// Text people type (a rejection reason, a payment reference) is shown as text: Slack mrkdwn
// would otherwise turn `<https://evil.example|Open the invoice>` into a disguised link.
import { describe, expect, it } from 'vitest';
import type { DocInfo } from '../../bot/document-data';
import { rejectedMessage } from '../../bot/views/messages';
import { fieldsModal } from '../../bot/views/modals';

const DISGUISED = '<https://evil.example/login|Open the corrected invoice>';
const doc = {
  id: 'doc_1', reference: 'DOC-7', kind: 'expense', status: 'rejected', round: 1, submitterId: 'usr_emp',
  supplierName: 'Cafe', supplierVatNo: null, supplierRegNo: null, invoiceNumber: null, issueDate: '2026-11-02', dueDate: null,
  currency: 'EUR', netAmount: null, vatAmount: null, totalAmount: '12.40', vatRate: null, iban: null, costCentre: null, description: null,
  fileName: 'r.jpg', permalink: null, duplicateOf: null, extractionError: null, warnings: [], readBy: 'ocr', toCheck: [], vatBreakdown: [],
  coding: [], rejectReason: DISGUISED, chainName: 'default', stages: [],
} as unknown as DocInfo;

const allText = (x: unknown) => JSON.stringify(x);

describe('user text in mrkdwn', () => {
  it('a rejection reason cannot become a link, in the blocks or the notification text', async () => {
    const m = await rejectedMessage(doc, '<@U0APPR>', DISGUISED, async () => '<@U0EMP>', null);
    expect(m.text).not.toContain('<https://');
    expect(allText(m.blocks)).not.toContain('<https://');
    expect(m.text).toContain('&lt;https://evil.example/login|Open the corrected invoice&gt;');
  });
  it('the reason shown in the Fix and resubmit modal is escaped too', () => {
    expect(allText(fieldsModal(doc, { d: doc.id }, 'resubmit').blocks)).not.toContain('<https://');
  });
});

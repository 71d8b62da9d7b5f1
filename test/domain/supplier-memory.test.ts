import { describe, expect, it } from 'vitest';
import { lessons, recall, supplierKeys } from '../../domain/supplierMemory';

const doc = 'doc_1';
const teach = (before: Parameters<typeof lessons>[0], changes: Parameters<typeof lessons>[1]) =>
  lessons(before, changes).map((l) => ({ ...l, documentId: doc }));

describe('supplier memory', () => {
  it('keys a supplier by VAT id, registration number, IBAN, then normalised name', () => {
    expect(supplierKeys({ supplierVatNo: 'ee 100 123 456', supplierRegNo: '12345678', iban: 'EE38 2200 2210 2014 5685', supplierName: 'Põhjala Pruul OÜ' }).map((k) => k.key)).toEqual([
      'vat:EE100123456',
      'reg:12345678',
      'iban:EE382200221020145685',
      'name:pohjalapruul',
    ]);
  });

  it('teaches a corrected supplier field under the keys as read and as corrected, and nothing for invoice fields', () => {
    const taught = teach({ supplierName: 'Kesler', supplierVatNo: 'DE136695976' }, { supplierName: { from: 'Kesler', to: 'Kessler GmbH' }, totalAmount: { from: '1.00', to: '2.00' } });
    expect(taught.map((l) => `${l.key} ${l.field}=${l.value}`)).toEqual(['vat:DE136695976 supplierName=Kessler GmbH', 'name:kesler supplierName=Kessler GmbH', 'name:kessler supplierName=Kessler GmbH']);
    expect(teach({ supplierName: 'X' }, { totalAmount: { from: '1.00', to: '2.00' } })).toEqual([]);
  });

  it('recalls by the strongest identifier, and by name only when the document shows no identifier', () => {
    const memory = teach({ supplierName: 'Kesler', supplierVatNo: 'DE136695976' }, { supplierName: { from: 'Kesler', to: 'Kessler GmbH' } });
    expect(recall({ supplierName: 'K. GmbH', supplierVatNo: 'DE 136 695 976' }, memory).supplierName).toEqual({ value: 'Kessler GmbH', matchedBy: 'VAT id', fromDocumentId: doc });
    expect(recall({ supplierName: 'Kesler' }, memory).supplierName?.matchedBy).toBe('name');
    // Same misread name, but another VAT id: another supplier.
    expect(recall({ supplierName: 'Kesler', supplierVatNo: 'DE999999999' }, memory)).toEqual({});
  });
});

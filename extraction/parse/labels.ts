import { stripAccents } from './dates';

/**
 * Field labels in English, Estonian, French, German and Dutch, written in "folded" form (lower case, accents
 * stripped: "maksetähtaeg" → "maksetahtaeg", "échéance" → "echeance", "tšekk" → "tsekk").
 * When two labels match at the same place the longest wins, which is how "Total HT" (net) beats
 * "Total" and "VAT no" (an identifier) beats "VAT" (an amount).
 */
export type LabelKind =
  | 'invoiceNumber'
  | 'issueDate'
  | 'dueDate'
  | 'total'
  | 'totalWeak'
  | 'net'
  | 'vat'
  | 'vatId'
  | 'regNo'
  | 'iban'
  | 'buyer'
  | 'seller'
  | 'paid'
  | 'field'
  | 'other';

const L: Record<LabelKind, string[]> = {
  invoiceNumber: [
    String.raw`(?:tax\s+)?invoice\s*(?:no\.?|number|nr\.?|num\.?|#|n°|nº|id)`,
    String.raw`inv\.?\s*(?:no\.?|#|number)`,
    String.raw`(?:receipt|bill|document|doc\.?|credit\s+note)\s*(?:no\.?|number|nr\.?|#)`,
    String.raw`arve\s*(?:nr\.?|number|no\.?|#)`,
    String.raw`(?:kviitungi?|tseki?|tsekk|dokumendi|kreeditarve)\s*(?:nr\.?|number)`,
    String.raw`(?:facture|avoir|recu|ticket|note)\s*(?:n\s*°|nº|no\.?|numero|#|n\.)`,
    String.raw`(?:n\s*°|nº|no\.?|numero)\s*(?:de\s+)?(?:la\s+)?(?:facture|ticket|recu)`,
    String.raw`\p{L}*(?:rechnung|gutschrift|korrektur|beleg|factuur|creditnota)s?\s*-?\s*(?:nummer|nr\.?|no\.?|#)`,
    String.raw`(?:rechnungs|factuur|beleg)nr\.?`,
    String.raw`(?:bon|kassenbon|quittung|kwitantie)\s*-?\s*(?:nummer|nr\.?)`,
    String.raw`(?:booking|order\s*confirmation|transaction|trans\.?|txn|ref(?:erence)?|bill)\s*(?:no\.?|number|#|id)`,
    String.raw`(?:cash\s*)?(?:bill|receipt|invoice|inv)\s*:?\s*#`,
    String.raw`(?:doc(?:ument)?|slip|chit)\s*(?:no\.?|#)`,
    String.raw`\p{L}*(?:rechnung|gutschrift|korrektur|factuur)\s*(?:\([^)]{1,40}\)|(?:des|der|van\s*de)\s+\p{L}+)\s*(?:nr\.?|nummer|no\.?)`,
  ],
  issueDate: [
    String.raw`(?:invoice|issue|billing|receipt|document)\s*date`,
    String.raw`date\s*(?:of\s*)?(?:issue|invoice)`,
    String.raw`date\s*issued`,
    String.raw`issued(?:\s*on)?`,
    String.raw`tax\s*point`,
    String.raw`date`,
    String.raw`(?:arve\s*)?(?:kuupaev|kp\.?)`,
    String.raw`(?:valjastamise|koostamise|arve)\s*(?:kuupaev|kp)`,
    String.raw`date\s*(?:de\s*(?:la\s*)?)?(?:facture|facturation)`,
    String.raw`date\s*d.?emission`,
    String.raw`emise?\s*le`,
    String.raw`fait\s*le`,
    String.raw`(?:rechnungs|beleg|ausstellungs|factuur|document)datum`,
    String.raw`datum(?:\s*(?:der\s*rechnung|factuur))?`,
    String.raw`(?<=(?:nr|nummer|no)\.?\s*:?\s*[a-z0-9][a-z0-9\-/.]*\s+)vom`,
    String.raw`(?<=(?:nr|nummer|no)\.?\s*:?\s*[a-z0-9][a-z0-9\-/.]*\s+)(?:van|d\.d\.)`,
    String.raw`issued\s*at`,
  ],
  dueDate: [
    String.raw`(?:payment\s*)?due\s*(?:date|on|by)?`,
    String.raw`date\s*due`,
    String.raw`pay(?:able)?\s*(?:by|before|until)`,
    String.raw`payment\s*(?:deadline|date)`,
    String.raw`(?:makse|tasumise|maksmise)\s*(?:tahtaeg|tahtpaev)`,
    String.raw`maksetahtaeg|maksetahtpaev|tasumistahtaeg|tahtaeg`,
    String.raw`(?:maksta|tasuda)\s*hiljemalt`,
    String.raw`(?:date\s*d.?)?echeance`,
    String.raw`date\s*limite(?:\s*de\s*(?:paiement|reglement))?`,
    String.raw`a\s*(?:payer|regler)\s*(?:avant|au\s*plus\s*tard)(?:\s*le)?`,
    String.raw`payable\s*(?:avant\s*)?le`,
    String.raw`zahlungsziel|f(?:a|ae)lligkeit(?:sdatum)?|f(?:a|ae)llig\s*(?:am|bis|zum)?`,
    String.raw`zahlbar(?:\s+innerhalb\s+\d+\s+tagen)?(?:\s+(?:netto|rein\s*netto|ohne\s*abzug))?\s+(?:bis|am)(?:\s+(?:zum|spatestens))?`,
    String.raw`vervaldatum|vervaldag|uiterste\s*betaaldatum|te\s*betalen\s*(?:voor|uiterlijk(?:\s*op)?)|betalen\s*voor`,
    String.raw`(?:please\s*)?remit\s*(?:by|until|before)|pay\s*until`,
  ],
  total: [
    String.raw`total(?:\s*(?:due|amount|payable|to\s*pay|incl\.?(?:uding)?\s*(?:vat|tax)|eur|gbp|usd|€|\(incl\.?[^)]*\)))?`,
    String.raw`(?:amount|balance)\s*(?:due|payable|to\s*pay)`,
    String.raw`grand\s*total`,
    String.raw`to\s*pay`,
    String.raw`kokku(?:\s*tasuda|\s*(?:summa\s*)?km-?ga|\s*summa|\s*eur)?`,
    String.raw`(?:summa|arve\s*summa)\s*(?:kokku|km-?ga)`,
    String.raw`(?:arve\s*)?(?:kogu)?summa\s*tasumisele|tasumisele\s*kuulub|maksmisele\s*kuuluv\s*summa|kogusumma`,
    String.raw`tasuda(?:\s*kokku)?`,
    String.raw`(?:total|montant|prix)\s*(?:ttc|toutes\s*taxes\s*comprises)`,
    String.raw`(?:net|total|montant|reste)\s*a\s*payer`,
    String.raw`montant\s*(?:total|du)`,
    String.raw`gesamtbetrag|gesamtsumme|bruttosumme|bruttobetrag|rechnungsbetrag|endbetrag|zahlbetrag|gesamt\s*brutto|summe\s*brutto|brutto`,
    String.raw`zu\s*zahlen(?:der\s*betrag)?|summe|gesamt(?:\s*eur)?`,
    String.raw`totaal(?:\s*(?:bedrag|incl\.?\s*btw|te\s*betalen|eur))?|totaalbedrag|eindtotaal|te\s*betalen(?:\s*bedrag)?`,
    String.raw`(?:nett\s*)?total\s*(?:sales|amount|payable)?\s*\(?(?:incl\.?(?:usive)?\s*(?:of\s*)?(?:gst|sst|tax|vat)|rm)\)?`,
    String.raw`total\s*(?:amt|amount)\s*(?:payable|due)?|amount\s*(?:rm|incl\.?\s*gst)|nett\s*total|net\s*total\s*\(?(?:rm|incl)`,
    String.raw`due\s*payable|payable\s*amount|amount\s*payable|invoice\s*total|total\s*invoice(?:\s*amount)?`,
  ],
  totalWeak: [String.raw`summa`, String.raw`montant`, String.raw`amount`],
  net: [
    String.raw`sub\s*-?\s*total`,
    String.raw`net(?:\s*(?:amount|total|value))?`,
    String.raw`total\s*\(?\s*(?:excl\.?(?:uding)?|before|net\s*of|w/?o|without|ex\.?)\s*(?:vat|tax)?\)?`,
    String.raw`(?:amount|total)\s*(?:excl\.?|excluding|before|net\s*of|ex\.?)\s*(?:vat|tax)`,
    String.raw`taxable\s*(?:amount|value)`,
    String.raw`(?:summa|kokku)\s*-?\s*(?:km|kaibemaksu)\s*-?\s*ta`,
    String.raw`(?:summa|kokku)\s*ilma\s*(?:km|kaibemaksuta|kaibemaksu)`,
    String.raw`km\s*-?\s*ta\s*(?:summa|kokku)?`,
    String.raw`kaibemaksuta\s*(?:summa|kokku)?`,
    String.raw`maksustatav\s*(?:summa|kaive|vaartus)`,
    String.raw`vahesumma`,
    String.raw`(?:total|montant|base|prix|net)\s*(?:ht|h\.t\.|hors\s*taxes?)`,
    String.raw`sous\s*-?\s*total(?:\s*ht)?`,
    String.raw`total\s*hors\s*tva`,
    String.raw`netto(?:betrag|summe|wert|bedrag)?|summe\s*netto|gesamt\s*netto|nettosumme`,
    String.raw`(?:rechnungssumme|summe|betrag|gesamtbetrag|total)\s*(?:ohne|exkl\.?|excl\.?|zzgl\.?)\s*(?:ust|mwst|umsatzsteuer|btw)\.?`,
    String.raw`warenwert|zwischensumme|steuerbasis|positionssumme|subtotaal|(?:totaal|bedrag)\s*excl\.?\s*btw|excl\.?\s*btw`,
    String.raw`total\s*(?:sales|amount)?\s*\(?excl(?:uding|\.)?\s*(?:of\s*)?(?:gst|sst|tax)\)?|total\s*excl\.?\s*gst`,
  ],
  vat: [
    String.raw`(?:total\s*)?vat(?:\s*(?:amount|total))?`,
    String.raw`(?:sales\s*)?tax(?:\s*amount)?`,
    String.raw`gst`,
    String.raw`(?:kaibemaks|kaibemaksu\s*summa|km\s*summa)`,
    String.raw`km(?!\s*-?\s*(?:ta|ga)(?![\p{L}]))`,
    String.raw`(?:total|montant)?\s*tva`,
    String.raw`dont\s*tva`,
    String.raw`mwst\.?|ust\.?|umsatzsteuer|mehrwertsteuer|steuerbetrag|steuer|(?:summe|gesamt)\s*(?:mwst|ust)\.?`,
    String.raw`btw(?:\s*-?\s*bedrag)?|totaal\s*btw`,
    String.raw`(?:total\s*)?(?:gst|sst)(?:\s*(?:amount|payable|\(?\d+%\)?))?|service\s*tax`,
  ],
  vatId: [
    String.raw`vat\s*(?:reg(?:istration)?\.?\s*)?(?:no\.?|number|nr\.?|id|#|code)`,
    String.raw`vat\s*reg(?:istration)?`,
    String.raw`(?:tax|vat)\s*id(?:entification)?(?:\s*(?:no|number))?`,
    String.raw`kmkr(?:\s*(?:nr\.?|number|kood))?`,
    String.raw`km\s*(?:reg(?:istri)?\.?\s*)?(?:nr\.?|number|kood)`,
    String.raw`kaibemaksukohustuslase\s*(?:nr\.?|number)`,
    String.raw`(?:n\s*°|nº|no|numero|num\.?)\s*(?:de\s*)?tva(?:\s*intra(?:communautaire)?\.?)?`,
    String.raw`(?:identifiant|id\.?)\s*tva`,
    String.raw`tva\s*intra(?:communautaire|com\.?)?`,
    String.raw`ust\s*-?\s*id\s*-?\s*(?:nr\.?)?`,
    String.raw`u\.?\s*st\.?\s*-?\s*id(?:ent)?\.?\s*-?\s*(?:nr|nummer|no)?\.?|ustid(?:nr)?\.?|ust-?idnr\.?`,
    String.raw`(?:mwst|umsatzsteuer)\s*-?\s*(?:id|identifikations?)\s*-?\s*(?:nr|nummer)?\.?`,
    String.raw`btw\s*-?\s*(?:nummer|nr\.?|no\.?|id(?:nr)?|identificatienummer)|btw\s*-?\s*id`,
    String.raw`gst\s*(?:reg(?:istration)?\.?\s*)?(?:no\.?|number|id|#)|gst\s*id|sst\s*(?:reg(?:istration)?\.?\s*)?(?:no\.?|id)`,
  ],
  regNo: [
    String.raw`(?:company\s*)?reg(?:istration|istry)?\.?\s*(?:no\.?|number|nr\.?|code|kood)`,
    String.raw`company\s*(?:no\.?|number|reg)`,
    String.raw`registrikood|reg\.?\s*kood|registrinumber|reg\s*nr`,
    String.raw`rcs\s+[a-z]+|siren|siret|r\.?c\.?s\.?`,
    String.raw`handelsregister|amtsgericht`,
    String.raw`(?:org\.?|organisation)\s*(?:nr|no|number)`,
    String.raw`crn`,
    String.raw`handelsregister(?:nummer)?|registergericht|kvk(?:\s*-?\s*(?:nummer|nr\.?))?|kamer\s*van\s*koophandel|ondernemingsnummer`,
  ],
  iban: [String.raw`iban`, String.raw`a/a`, String.raw`arvelduskonto|pangakonto|konto\s*nr`, String.raw`rib`, String.raw`(?:bank\s*)?account(?:\s*no)?`],
  buyer: [
    String.raw`bill(?:ed)?\s*to`,
    String.raw`invoice\s*to`,
    String.raw`(?:sold|ship|deliver(?:ed)?)\s*to`,
    String.raw`customer|buyer|purchaser|recipient`,
    String.raw`client`,
    String.raw`klient|maksja|ostja|tellija|(?:arve\s*)?saaja|kaubasaaja`,
    String.raw`factur(?:e|ee)\s*a|adresse\s*de\s*facturation|destinataire|acheteur|livre\s*a`,
    String.raw`kunde|k(?:a|ae)ufer|rechnungsempf(?:a|ae)nger|leistungsempf(?:a|ae)nger|rechnungsadresse|lieferanschrift|lieferadresse|besteller|auftraggeber`,
    String.raw`klant|afnemer|factuuradres|afleveradres|besteld\s*door`,
  ],
  seller: [
    String.raw`from|seller|supplier|vendor|issued\s*by|bill\s*from|payee`,
    String.raw`muuja|tarnija|teenuse\s*osutaja|arve\s*esitaja|saatja`,
    String.raw`vendeur|fournisseur|emetteur|prestataire`,
    String.raw`(?:verk(?:a|ae)ufer|rechnungssteller|leistungserbringer|lieferant|leverancier|verkoper|afzender)(?=\s*:|\s*$)`,
  ],
  paid: [
    String.raw`paid|makstud|tasutud|paye|deja\s*regle|card|kaart|cash|sularaha|especes|change|tagastus|rendu|received`,
    String.raw`bar(?:geld|zahlung)?|gegeben|r(?:u|ue)ckgeld|wechselgeld|erhaltene\s*anzahlungen?|anzahlung|bereits\s*bezahlt|contant|wisselgeld|betaald|pin`,
    String.raw`tendered|tender|cash\s*(?:paid|received|tendered)?|change(?:\s*due)?|round(?:ing)?(?:\s*(?:adj(?:ustment)?|amount))?|visa|master\s*card|credit\s*card|debit|e-?wallet|paid\s*amount|amount\s*paid|balance`,
    String.raw`payment(?=\s*:)|baki`,
  ],
  field: [
    String.raw`steuernummer|steuer\s*-?\s*nr\.?|kundennummer|kunden\s*-?\s*nr\.?|bestellnummer|bestell\s*-?\s*nr\.?|bestelldatum|lieferdatum|leistungsdatum|liefer\s*-?\s*und\s*leistungsdatum|lieferschein(?:nummer|\s*-?\s*nr\.?)?|auftragsnummer|auftrags\s*-?\s*nr\.?`,
    String.raw`gesamtbetrag\s*der\s*(?:zu|ab)schl(?:a|ae)ge|zu\s*-?\s*/?\s*abschlag|klantnummer|klantnr\.?|ordernummer|bestelnummer|leverdatum`,
    String.raw`(?:customer|client|account|order|purchase\s*order|p\.?o\.?)\s*(?:no\.?|number|#|id|date)|order\s*date|delivery\s*date|ship(?:ping)?\s*date`,
    String.raw`cashier|kassierer|kassier|server|table|counter|terminal|pos\s*(?:no|id)|member|total\s*qty|total\s*items?|no\.?\s*of\s*items?|items?\s*count|total\s*quantity|discount`,
  ],
  other: [
    String.raw`phone|tel\.?|telefon|e-?mail|www|bic|swift|page|lk`,
    String.raw`quantity|qty|kogus|quantite|qte|unit\s*price|prix\s*unitaire|uhiku\s*hind`,
  ],
};

export interface LabelHit {
  kind: LabelKind;
  start: number;
  end: number;
}

const COMPILED: { kind: LabelKind; re: RegExp }[] = (Object.keys(L) as LabelKind[]).flatMap((kind) =>
  L[kind].map((src) => ({ kind, re: new RegExp(String.raw`(?<![\p{L}\d])(?:${src})(?![\p{L}])`, 'gu') })),
);

/** Lower case without accents, same length as the NFC input so indexes map back. */
export function fold(s: string): string {
  const nfc = s.normalize('NFC');
  const out = stripAccents(nfc).toLowerCase();
  return out.length === nfc.length ? out : nfc.toLowerCase();
}

/** Non-overlapping label hits in a line, left to right; the longest hit wins an overlap. */
export function findLabels(line: string): LabelHit[] {
  const f = fold(line);
  const all: LabelHit[] = [];
  for (const { kind, re } of COMPILED) {
    for (const m of f.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].trimEnd().length;
      if (end > start) all.push({ kind, start, end });
    }
  }
  all.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: LabelHit[] = [];
  for (const h of all) if (!kept.some((k) => h.start < k.end && h.end > k.start)) kept.push(h);
  return kept.sort((a, b) => a.start - b.start);
}

/** Words that only appear in one language's invoices; counted to name the document's language. */
export const VOCABULARY: Record<'en' | 'et' | 'fr', string[]> = {
  en: ['invoice', 'total', 'due', 'amount', 'vat', 'payment', 'bill', 'quantity', 'qty', 'price', 'description', 'receipt', 'thank', 'date', 'subtotal', 'tax', 'customer', 'please', 'the', 'and', 'of'],
  et: ['arve', 'kokku', 'kuupaev', 'summa', 'kaibemaks', 'maksetahtaeg', 'tasuda', 'hind', 'kogus', 'klient', 'nimetus', 'km', 'kmkr', 'registrikood', 'aitah', 'tk', 'ostja', 'muuja', 'ja', 'viitenumber', 'makstud', 'kaart', 'tahtaeg', 'teenus', 'maksja'],
  fr: ['facture', 'montant', 'tva', 'ttc', 'ht', 'echeance', 'prix', 'quantite', 'designation', 'payer', 'merci', 'le', 'la', 'de', 'des', 'du', 'total', 'client', 'siret', 'siren', 'reglement', 'unitaire', 'paiement', 'conditions'],
};

export function detectLanguage(text: string): string | null {
  const words = fold(text).match(/\p{L}+/gu) ?? [];
  const counts: Record<string, number> = { en: 0, et: 0, fr: 0 };
  const sets = Object.fromEntries(Object.entries(VOCABULARY).map(([k, v]) => [k, new Set(v)]));
  for (const w of words) for (const [lang, set] of Object.entries(sets)) if (set.has(w)) counts[lang]! += 1;
  // Estonian-only letters are strong evidence even in a short receipt.
  counts.et! += ((text.match(/[õÕ]/g)?.length ?? 0) * 2);
  const best = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const [top, second] = best;
  if (!top || top[1] < 2 || (second && top[1] === second[1])) return null;
  return top[0];
}

import { defineMessages } from '../define';

/** Refusals several permission modules give (domain/permissions/refusals.ts). */
export const refusals = defineMessages({
  'refusals.auditorReadOnly': {
    en: 'Auditors have read-only access: they cannot change anything.',
    fr: 'Les auditeurs ont un accès en lecture seule : ils ne peuvent rien modifier.',
    et: 'Audiitoritel on ainult lugemisõigus: nad ei saa midagi muuta.',
  },
  'refusals.unknownUser': {
    en: 'Unknown user: open the app once so Countersign knows you.',
    fr: 'Utilisateur inconnu : ouvrez l’application une fois pour que Countersign vous connaisse.',
    et: 'Tundmatu kasutaja: avage rakendus üks kord, et Countersign teid tunneks.',
  },
  'refusals.oneDecisionPerRound': {
    en: 'You have already decided on this document in this round (yourself or through a substitute): one person, one decision per round.',
    fr: 'Vous avez déjà décidé sur ce document dans ce tour (vous-même ou via un remplaçant) : une personne, une décision par tour.',
    et: 'Olete selle dokumendi kohta selles voorus juba otsustanud (ise või asendaja kaudu): üks inimene, üks otsus vooru kohta.',
  },
  'refusals.coordinatorNeverFinal': {
    en: 'A coordinator never gives the final approval, not even on behalf of someone else.',
    fr: 'Un coordinateur ne donne jamais l’approbation finale, pas même au nom de quelqu’un d’autre.',
    et: 'Koordinaator ei anna kunagi lõplikku kinnitust, isegi mitte kellegi teise eest.',
  },
});
